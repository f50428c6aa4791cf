// The project's seeded generator (src/util/random.ts): reproducibility, ranges, moments, seeds per tag list.
import { describe, expect, it } from 'vitest';
import { deriveSeed, Rng } from './random.js';

describe('Rng (xoshiro128**), synthesiser helpers', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xs = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(xs);
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

describe('Rng (xoshiro128**), streams and ML helpers', () => {
  it('repeats a stream for the same seed and stream, and differs otherwise', () => {
    const draw = (seed: number, stream = 0) => {
      const r = new Rng(seed, stream);
      return Array.from({ length: 8 }, () => r.nextUint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(42, 1)).not.toEqual(draw(42, 0));
    expect(draw(2 ** 40)).not.toEqual(draw(0));
  });

  it('draws floats in [0, 1) and ints in [0, n) with the right moments', () => {
    const r = new Rng(7);
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    const counts = new Array<number>(5).fill(0);
    const n = 50000;
    for (let i = 0; i < n; i++) {
      const u = r.float();
      min = Math.min(min, u);
      max = Math.max(max, u);
      sum += u;
      const k = r.nextInt(5);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / n).toBeCloseTo(0.5, 2);
    for (const c of counts) expect(Math.abs(c / n - 0.2)).toBeLessThan(0.01);
    expect(() => r.nextInt(0)).toThrow(RangeError);
  });

  it('draws standard normals with mean 0 and variance 1', () => {
    const r = new Rng(1);
    let s = 0;
    let s2 = 0;
    const n = 50000;
    for (let i = 0; i < n; i++) {
      const v = r.normal();
      s += v;
      s2 += v * v;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.02);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.03);
  });

  it('picks weighted choices and shuffles permutations', () => {
    const r = new Rng(3);
    const c = [0, 0, 0];
    for (let i = 0; i < 30000; i++) c[r.weighted([1, 0, 3])]! += 1;
    expect(c[1]).toBe(0);
    expect(Math.abs((c[2] ?? 0) / 30000 - 0.75)).toBeLessThan(0.015);
    const perm = r.shuffle([0, 1, 2, 3, 4, 5]);
    expect([...perm].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
