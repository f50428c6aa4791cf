import { describe, expect, it } from 'vitest';
import { contourExtrema, contourSlopes } from './slopes.js';

describe('contour slopes', () => {
  it('finds a single rise and a tail that keeps its sign', () => {
    // Rises 0 → 1 over frames 0..4, peak at 4, falls to 0.5 at frame 8.
    const x = Float64Array.from([0, 0.25, 0.5, 0.75, 1, 0.9, 0.75, 0.6, 0.5]);
    const s = contourSlopes(x);
    expect(s.peaks).toBe(1);
    expect(s.meanRising).toBeCloseTo(1 / 0.04, 9);
    expect(s.meanFalling).toBeCloseTo(-0.5 / 0.04, 9); // tail segment: negative
    expect(s.stddevRising).toBe(0);
  });

  it('ignores wiggles below 10 % of the range and plateaus keep their first maximum', () => {
    const x = Float64Array.from([0, 0.5, 1, 0.99, 1.001, 0.995, 1.002, 0.99, 0.5, 0]);
    const { pos, type } = contourExtrema(x);
    expect(pos).toEqual([2]);
    expect(type).toEqual([1]);
  });

  it('without extrema gives (last − first)/n per frame', () => {
    const x = Float64Array.from([0, 1, 2, 3, 4]);
    const s = contourSlopes(x);
    expect(s.peaks).toBe(0);
    expect(s.meanRising).toBeCloseTo(4 / 5, 12);
  });

  it('counts several peaks separated by strict minima', () => {
    const x = Float64Array.from([0, 0.5, 1, 0.5, 0, 0.5, 1, 0.5, 0, 0.5, 1, 0.5, 0.2, 0.1]);
    const s = contourSlopes(x);
    expect(s.peaks).toBe(3);
    expect(s.meanRising).toBeCloseTo(50, 9);
  });

  it('does not split peaks at flat minima (only strict extrema count)', () => {
    const x = Float64Array.from([0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0]);
    expect(contourSlopes(x).peaks).toBe(1);
  });
});
