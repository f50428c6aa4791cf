import { describe, expect, test } from 'vitest';
import { StateEntries } from './state-entries.js';

const keys = ['data/a', 'data/ab', 'b/data/a', 'ü x', 'data/'];
const make = (ks: readonly string[] = keys) =>
  StateEntries.of(ks.length, ks.join('\n'), ks.map((_, i) => `h${i}`).join('\n'), new Float64Array(ks.map((_, i) => [i, i, i, i]).flat()));

describe('state entries', () => {
  test('finds every key in saved order, out of order, and not a key that is only part of a line', () => {
    const e = make()!;
    expect(keys.map((k) => e.find(k))).toEqual([0, 1, 2, 3, 4]);
    const shuffled = make()!;
    expect(['data/', 'b/data/a', 'data/a', 'ü x', 'data/ab'].map((k) => shuffled.find(k))).toEqual([4, 2, 0, 3, 1]);
    expect(['data', 'ata/a', 'a', 'data/a\ndata/ab', ''].map((k) => shuffled.find(k))).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect([e.key(3), e.value(3), e.key(0), e.value(4)]).toEqual(['ü x', 'h3', 'data/a', 'h4']);
  });

  test('after many out-of-order lookups it still answers every key (through the map)', () => {
    const many = Array.from({ length: 200 }, (_, i) => `f${i}`);
    const e = make(many)!;
    const order = many.map((_, i) => (i * 7919) % many.length);
    expect(order.map((i) => e.find(`f${i}`))).toEqual(order);
    expect(e.find('f200')).toBeUndefined();
    expect(e.value(150)).toBe('h150');
  });

  test('a line count other than the entry count is malformed', () => {
    expect(StateEntries.of(2, 'a\nb\nc', 'x\ny', new Float64Array(8))).toBeUndefined();
    expect(StateEntries.of(2, 'a\nb', 'x', new Float64Array(8))).toBeUndefined();
    expect(StateEntries.of(1, 'a', 'x', new Float64Array(4))?.find('a')).toBe(0);
    expect(StateEntries.EMPTY.find('a')).toBeUndefined();
  });

  test('a run of keys compares with its joined lines exactly: not a prefix of them, not past the last entry', () => {
    const e = make(['data/b', 'data/cc', 'data/d'])!;
    expect(e.linesAre(0, 'data/b\ndata/cc', 2)).toBe(true);
    expect(e.linesAre(1, 'data/cc\ndata/d', 2)).toBe(true);
    expect(e.linesAre(0, 'data/b\ndata/c', 2)).toBe(false); // the second key is longer
    expect(e.linesAre(0, 'data/b\ndata/cc\ndata/d', 2)).toBe(false);
    expect(e.linesAre(2, 'data/d\nx', 2)).toBe(false);
    expect(e.linesAre(1, '', 0)).toBe(true);
  });
});
