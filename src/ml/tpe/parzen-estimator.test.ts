// Parzen estimator properties: densities normalise over the domain, samples stay inside it, TPE proposals
// respect the space.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../util/random.js';
import { ParzenEstimator, type ParzenOptions } from './parzen-estimator.js';
import { internalDomain } from './space.js';

const base: ParzenOptions = {
  priorWeight: 1,
  magicClip: true,
  magicClipScale: 1,
  considerEndpoints: false,
  multivariate: false,
  bandwidth: 'neighbour',
};

describe('ParzenEstimator', () => {
  it('has a continuous density that integrates to 1 over the domain', () => {
    const dom = internalDomain({ type: 'float', low: -2, high: 3 });
    const est = new ParzenEstimator([dom], [Float64Array.of(-1.5, 0.2, 0.3, 2.9)], Float64Array.of(1, 1, 0.5, 1), base);
    const n = 20000;
    const xs = Float64Array.from({ length: n }, (_, i) => -2 + ((i + 0.5) * 5) / n);
    const integral = est.logPdf([xs]).reduce((a, v) => a + Math.exp(v) * (5 / n), 0);
    expect(integral).toBeCloseTo(1, 4);
  });

  it('puts a probability mass on each int grid point that sums to 1', () => {
    const dom = internalDomain({ type: 'int', low: 3, high: 12 });
    const est = new ParzenEstimator([dom], [Float64Array.of(4, 4, 11)], Float64Array.of(1, 1, 1), base);
    const grid = Float64Array.from({ length: 10 }, (_, i) => 3 + i);
    const total = est.logPdf([grid]).reduce((a, v) => a + Math.exp(v), 0);
    expect(total).toBeCloseTo(1, 6);
    const samples = est.sample(new Rng(2), 500)[0] ?? new Float64Array(0);
    for (const v of samples) {
      expect(Number.isInteger(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThanOrEqual(12);
    }
  });

  it('gives categorical choices probabilities that sum to 1, favouring observed ones', () => {
    const dom = internalDomain({ type: 'categorical', choices: ['a', 'b', 'c'] });
    const est = new ParzenEstimator([dom], [Float64Array.of(1, 1, 2)], Float64Array.of(1, 1, 1), base);
    const p = Array.from(est.logPdf([Float64Array.of(0, 1, 2)]), Math.exp);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p[1]).toBeGreaterThan(p[2] ?? 1);
    expect(p[2]).toBeGreaterThan(p[0] ?? 1);
  });

  it('normalises a joint (multivariate) density over two dimensions', () => {
    const d0 = internalDomain({ type: 'float', low: 0, high: 1 });
    const d1 = internalDomain({ type: 'int', low: 0, high: 2 });
    const est = new ParzenEstimator([d0, d1], [Float64Array.of(0.2, 0.8), Float64Array.of(0, 2)], Float64Array.of(1, 1), {
      ...base,
      multivariate: true,
    });
    const n = 2000;
    let total = 0;
    for (let j = 0; j <= 2; j++) {
      const xs = Float64Array.from({ length: n }, (_, i) => (i + 0.5) / n);
      const ys = new Float64Array(n).fill(j);
      total += est.logPdf([xs, ys]).reduce((a, v) => a + Math.exp(v) / n, 0);
    }
    expect(total).toBeCloseTo(1, 4);
  });
});
