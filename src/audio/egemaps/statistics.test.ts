import { describe, expect, it } from 'vitest';
import { amean, nonZero, percentileSorted, stddevNorm } from './statistics.js';

describe('statistics', () => {
  it('interpolates percentiles at p·(n−1)', () => {
    const x = Float64Array.from([1, 2, 3, 4, 5]);
    expect(percentileSorted(x, 0.5)).toBe(3);
    expect(percentileSorted(x, 0.2)).toBeCloseTo(1.8, 12); // index 0.8
    expect(percentileSorted(x, 0.8)).toBeCloseTo(4.2, 12); // index 3.2
    expect(percentileSorted(Float64Array.from([7]), 0.2)).toBe(7);
    expect(percentileSorted(new Float64Array(0), 0.5)).toBe(0);
    expect(() => percentileSorted(x, 1.5)).toThrow(RangeError);
  });

  it('normalises the population std by the signed mean (by 1 for a zero mean)', () => {
    const x = Float64Array.from([2, 4, 4, 4, 5, 5, 7, 9]); // mean 5, population std 2
    expect(amean(x)).toBe(5);
    expect(stddevNorm(x)).toBeCloseTo(0.4, 12);
    expect(stddevNorm(Float64Array.from([-2, -4, -4, -4, -5, -5, -7, -9]))).toBeCloseTo(-0.4, 12);
    expect(stddevNorm(Float64Array.from([-1, 1]))).toBe(1);
  });

  it('compacts non-zero values in order', () => {
    expect([...nonZero(Float64Array.from([0, 3, 0, -1, 2, 0]))]).toEqual([3, -1, 2]);
  });
});
