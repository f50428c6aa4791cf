import { describe, expect, it } from 'vitest';
import { driftReport } from './drift-report.js';
import { wasserstein1 } from './wasserstein.js';

describe('wasserstein1', () => {
  // Values from scipy.stats.wasserstein_distance's documented examples (scipy 1.x docstring).
  it('matches scipy documented examples', () => {
    expect(wasserstein1([0, 1, 3], [5, 6, 8])).toBeCloseTo(5, 12);
    expect(wasserstein1([3.4, 3.9, 7.5, 7.8], [4.5, 1.4])).toBeCloseTo(2.7, 12);
  });

  it('is zero for equal samples, symmetric, and shift-equivariant', () => {
    const a = [0.3, 1.2, -0.5, 2.2, 0.9];
    const b = [1.1, -0.2, 0.4];
    expect(wasserstein1(a, a)).toBe(0);
    expect(wasserstein1(a, b)).toBeCloseTo(wasserstein1(b, a), 12);
    expect(wasserstein1(a, a.map((x) => x + 0.7))).toBeCloseTo(0.7, 12);
  });

  it('ignores NaN and rejects empty samples', () => {
    expect(wasserstein1([0, NaN, 1], [0, 1])).toBe(0);
    expect(() => wasserstein1([NaN], [1])).toThrow(RangeError);
  });
});

describe('driftReport', () => {
  it('flags a shifted feature and computes the share', () => {
    const ref = new Map([['a', [0, 1, 2, 3, 4]], ['b', [0, 1, 2, 3, 4]], ['c', [5, 5, 5, 5, 5]]]);
    const cur = new Map([['a', [0, 1, 2, 3, 4]], ['b', [3, 4, 5, 6, 7]], ['c', [5, 5, 5, 5, 5]]]);
    const report = driftReport(ref, cur);
    expect(report.features.map((f) => f.drifted)).toEqual([false, true, false]);
    expect(report.driftedShare).toBeCloseTo(1 / 3, 12);
    expect(report.datasetDrift).toBe(true);
  });
});
