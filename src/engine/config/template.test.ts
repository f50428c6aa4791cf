import { describe, expect, test } from 'vitest';
import { interpolate, lookup } from './template.js';

const ctx = { a: { b: 1, list: [10, 20] }, name: 'x y', flags: { lr: 0.1, on: true, off: false, dims: [1, 2], nested: { k: 'v' } } };

describe('interpolate', () => {
  test('dotted and indexed lookups', () => {
    expect(lookup(ctx, 'a.b')).toBe(1);
    expect(lookup(ctx, 'a.list[1]')).toBe(20);
    expect(lookup(ctx, 'a.nope')).toBeUndefined();
  });
  test('a whole-string reference keeps the type', () => {
    expect(interpolate('${a.list}', ctx, false)).toEqual({ ok: true, value: [10, 20] });
    expect(interpolate('${a.b}', ctx, false)).toEqual({ ok: true, value: 1 });
  });
  test('embedded references are stringified; \\${ escapes', () => {
    expect(interpolate('n=${a.b} \\${HOME}', ctx, false)).toEqual({ ok: true, value: 'n=1 ${HOME}' });
  });
  test('a mapping in a cmd becomes flags, quoted for the shell', () => {
    expect(interpolate('run ${flags} --name ${name}', ctx, true)).toEqual({
      ok: true,
      value: 'run --lr 0.1 --on --dims 1 2 --nested.k v --name x y',
    });
  });
  test('a mapping outside a cmd and undefined names are errors', () => {
    expect(interpolate('x ${flags}', ctx, false).ok).toBe(false);
    expect(interpolate('${missing.key}', ctx, true)).toEqual({ ok: false, error: { kind: 'undefined', name: 'missing.key' } });
  });
});
