// Pareto tools, TPE split/weights and the normal helpers: hand-computed values and properties.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../util/random.js';
import { logNormalMass, sampleTruncNormal } from './gaussian.js';
import { defaultGamma, defaultWeights, dominates, hypervolume, hypervolumeContributions, nonDominatedRanks } from './index.js';
import { splitTrials } from './split.js';

describe('hypervolume', () => {
  it('computes a 2-objective staircase exactly', () => {
    // Boxes to (4, 4): (1,3) → 3·1, (2,2) adds 2·1, (3,1) adds 1·1 → 3 + 2 + 1 = 6.
    expect(hypervolume([[1, 3], [2, 2], [3, 1]], [4, 4])).toBe(6);
    expect(hypervolume([[1, 3], [2, 2], [3, 1], [3, 3]], [4, 4])).toBe(6); // dominated point adds nothing
    expect(hypervolume([[5, 0]], [4, 4])).toBe(0); // outside the reference box
  });
  it('agrees with inclusion–exclusion in 3 objectives', () => {
    // Two boxes to (2,2,2): [0,2]×[1,2]×[0,2] = 4 and [1,2]×[0,2]×[0,2] = 4, overlap [1,2]×[1,2]×[0,2] = 2 → 6.
    expect(hypervolume([[0, 1, 0], [1, 0, 0]], [2, 2, 2])).toBeCloseTo(6, 12);
  });
  it('gives each point its exclusive contribution', () => {
    expect(Array.from(hypervolumeContributions([[1, 3], [2, 2], [3, 1]], [4, 4]))).toEqual([1, 1, 1]);
  });
});

describe('dominance and ranks', () => {
  it('peels fronts in order', () => {
    expect(dominates([1, 1], [1, 2])).toBe(true);
    expect(dominates([1, 2], [1, 2])).toBe(false);
    expect(Array.from(nonDominatedRanks([[1, 3], [2, 2], [2, 3], [3, 3], [0, 5]]))).toEqual([0, 0, 1, 2, 0]);
  });
});

describe('Optuna defaults', () => {
  it('gamma(n) = min(ceil(0.1 n), 25)', () => {
    expect([1, 10, 11, 40, 100, 300].map(defaultGamma)).toEqual([1, 1, 2, 4, 10, 25]);
  });
  it('weights ramp linearly from 1/n for all but the newest 25', () => {
    expect(Array.from(defaultWeights(3))).toEqual([1, 1, 1]);
    const w = defaultWeights(30);
    expect(w[0]).toBeCloseTo(1 / 30, 15);
    expect(w[4]).toBe(1);
    expect(w[29]).toBe(1);
    expect(w[2]).toBeCloseTo(1 / 30 + (29 / 30) * 0.5, 15);
  });
  it('splits single-objective trials by loss and returns indices in trial order', () => {
    const losses = [5, 1, 3, 0, 4].map((v) => Float64Array.of(v));
    expect(splitTrials(losses, 2)).toEqual({ below: [1, 3], above: [0, 2, 4] });
  });
  it('fills the multi-objective below set front by front, then by hypervolume', () => {
    const losses = [[1, 3], [2, 2], [3, 1], [3, 3], [4, 4]].map((v) => Float64Array.from(v));
    const { below } = splitTrials(losses, 2);
    expect(below).toHaveLength(2);
    expect(below.every((i) => i <= 2)).toBe(true);
  });
});

describe('normal helpers', () => {
  it('computes log(Φ(b) − Φ(a)) in the body and far in the tails', () => {
    expect(Math.exp(logNormalMass(-1, 1))).toBeCloseTo(0.6826894921370859, 6);
    // Φ(−30) ≈ 4.906713927148187e−198 (scipy.stats.norm.logcdf(−30) = −454.3212439955)
    expect(logNormalMass(-Infinity, -30)).toBeCloseTo(-454.3212439955, 4);
    expect(logNormalMass(30, Infinity)).toBeCloseTo(-454.3212439955, 4);
  });
  it('samples a truncated normal inside its bounds', () => {
    const rng = new Rng(1);
    for (let i = 0; i < 1000; i++) {
      const v = sampleTruncNormal(rng, 0.9, 0.5, 0, 1);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  });
});
