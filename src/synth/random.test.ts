import { describe, expect, it } from 'vitest';
import { deriveSeed, Rng } from './random.js';

describe('Rng (xoshiro128**)', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xs = Array.from({ length: 5 }, () => a.nextU32());
    expect(Array.from({ length: 5 }, () => b.nextU32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.nextU32())).not.toEqual(xs);
    xs.forEach((x) => expect(x >= 0 && x < 2 ** 32 && Number.isInteger(x)).toBe(true));
  });

  it('has plausible uniform and normal moments', () => {
    const r = new Rng(7);
    let s = 0;
    let s2 = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) s += r.float();
    for (let i = 0; i < n; i++) s2 += r.normal() ** 2;
    expect(s / n).toBeCloseTo(0.5, 1);
    expect(s2 / n).toBeCloseTo(1, 1);
  });

  it('draws integers in range and weighted indices in proportion', () => {
    const r = new Rng(1);
    const counts = [0, 0, 0];
    for (let i = 0; i < 9000; i++) counts[r.weighted([1, 2, 0])]! += 1;
    expect(counts[2]).toBe(0);
    expect(counts[1]! / counts[0]!).toBeGreaterThan(1.7);
    expect(counts[1]! / counts[0]!).toBeLessThan(2.3);
    for (let i = 0; i < 100; i++) {
      const k = r.int(3, 5);
      expect(k >= 3 && k <= 5).toBe(true);
    }
    expect(() => r.weighted([0, 0])).toThrow(RangeError);
    expect(() => r.int(2, 1)).toThrow(RangeError);
  });

  it('derives distinct seeds per tag list', () => {
    const seeds = new Set([deriveSeed(1), deriveSeed(1, 0), deriveSeed(1, 1), deriveSeed(1, 0, 1), deriveSeed(2, 0)]);
    expect(seeds.size).toBe(5);
    expect(deriveSeed(9, 3, 4)).toBe(deriveSeed(9, 3, 4));
  });
});
