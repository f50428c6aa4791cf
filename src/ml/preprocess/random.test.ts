// The shared seeded generator (src/ml/random.ts): reproducibility, ranges and rough uniformity/normality.
import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';

describe('Rng (xoshiro128**)', () => {
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
      const u = r.nextFloat();
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
    for (let i = 0; i < 30000; i++) c[r.choiceWeighted([1, 0, 3])]! += 1;
    expect(c[1]).toBe(0);
    expect(Math.abs((c[2] ?? 0) / 30000 - 0.75)).toBeLessThan(0.015);
    const perm = r.shuffle([0, 1, 2, 3, 4, 5]);
    expect([...perm].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
