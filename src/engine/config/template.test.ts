// Unit checks of DVC's interpolation rules (dvc/parsing/interpolate.py; tests/func/parsing/test_interpolated_entry.py).
import { describe, expect, test } from 'vitest';
import { pyNumber } from './py-str.js';
import { interpolate, lookup } from './template.js';

const ctx = {
  a: { b: 1, list: [10, 20] },
  name: 'x y',
  models: { m1: { thresh: 10 } },
  flags: { lr: 0.1, on: true, off: false, dims: [1, 2], nested: { k: 'v' }, text: "it's", none: null },
};

describe('interpolate', () => {
  test('dotted, indexed and bracket-key lookups (${item[thresh]}), negative indices', () => {
    expect(lookup(ctx, 'a.b')).toBe(1);
    expect(lookup(ctx, 'a.list[1]')).toBe(20);
    expect(lookup(ctx, 'a.list[-1]')).toBe(20);
    expect(lookup(ctx, 'models[m1][thresh]')).toBe(10);
    expect(lookup(ctx, ' a . b ')).toBe(1);
    expect(lookup(ctx, 'a.nope')).toBeUndefined();
  });
  test('a whole-string reference keeps the type; under a stage key only scalars (and a mapping in cmd)', () => {
    expect(interpolate('${a.b}', ctx, 'frozen')).toEqual({ ok: true, value: 1 });
    expect(interpolate('${a.list}', ctx, undefined)).toEqual({ ok: true, value: [10, 20] });
    expect(interpolate('${a.list}', ctx, 'deps')).toEqual({ ok: false, error: { kind: 'bad', message: "Cannot interpolate data of type 'list'" } });
    expect(interpolate('${models}', ctx, 'outs')).toEqual({ ok: false, error: { kind: 'bad', message: "Cannot interpolate data of type 'dict'" } });
  });
  test('embedded references: booleans true/false, None, Python floats; \\${ escapes; unterminated ${ stays text', () => {
    expect(interpolate('n=${a.b} ${flags.on} ${flags.none} \\${HOME} ${open', ctx, 'cmd')).toEqual({ ok: true, value: 'n=1 true None ${HOME} ${open' });
    expect([pyNumber(1e-5), pyNumber(0.0001), pyNumber(1e16), pyNumber(2.5), pyNumber(3)]).toEqual(['1e-05', '0.0001', '1e+16', '2.5', '3']);
  });
  test('a mapping in a cmd becomes flags (test_cmd_dict): strings shlex-quoted, nested keys dotted, None kept', () => {
    expect(interpolate('run ${flags} --name ${name}', ctx, 'cmd')).toEqual({
      ok: true,
      value: `run --lr 0.1 --on --dims 1 2 --nested.k v --text 'it'"'"'s' --none None --name x y`,
    });
    expect(interpolate('run ${flags}', ctx, 'cmd', { bool: 'boolean_optional', list: 'append' })).toEqual({
      ok: true,
      value: `run --lr 0.1 --on --no-off --dims 1 --dims 2 --nested.k v --text 'it'"'"'s' --none None`,
    });
  });
  test("DVC's errors: missing key, incomplete expression, nested iterable in flags", () => {
    expect(interpolate('${missing.key}', ctx, 'cmd')).toEqual({ ok: false, error: { kind: 'undefined', name: 'missing.key' } });
    expect(interpolate('echo ${models.foo.}', ctx, 'cmd')).toEqual({
      ok: false,
      error: { kind: 'bad', message: "${models.foo.}: ParseException: Expected end of text, found '.'  (at char 12), (line:1, col:13)" },
    });
    expect(interpolate('echo ${m}', { m: { list: [1, [2, 3]] } }, 'cmd')).toEqual({
      ok: false,
      error: { kind: 'bad', message: "Cannot interpolate nested iterable in 'list'" },
    });
  });
});
