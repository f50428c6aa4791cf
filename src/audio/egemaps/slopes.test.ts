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
    expect(s.meanRising).toBeCloseTo(4 / 5, 6); // openSMILE computes in float32
  });

  it('counts several peaks separated by strict minima', () => {
    const x = Float64Array.from([0, 0.5, 1, 0.5, 0, 0.5, 1, 0.5, 0, 0.5, 1, 0.5, 0.2, 0.1]);
    const s = contourSlopes(x);
    expect(s.peaks).toBe(3);
    expect(s.meanRising).toBeCloseTo(50, 9);
  });

  it('drops minima shallower than the threshold below the preceding maximum and keeps the higher maximum', () => {
    // Range 1 → threshold 0.1. The dip at index 4 (0.88) is only 0.02 below the maximum at 3: it goes, and of the
    // two maxima left next to each other the higher (index 5) survives.
    const x = Float64Array.from([0, 0.2, 0.5, 0.9, 0.88, 1, 0.6, 0.3, 0.1, 0]);
    expect(contourExtrema(x)).toEqual({ pos: [5], type: [1] });
    // A maximum within the threshold of the previous candidate replaces the last maximum only when 5 % higher.
    const y = Float64Array.from([0, 0.2, 0.5, 0.97, 0.95, 1, 0.6, 0.3, 0.1, 0]);
    expect(contourExtrema(y)).toEqual({ pos: [3], type: [1] });
  });

  it('keeps the end segment out of the standard deviation but in the count', () => {
    // Extrema: max at 2 (rise 1/0.02 = 50), min at 4 (fall 50), max at 6 (rise 50); tail to x[9] = 0.4 is signed.
    const x = Float64Array.from([0, 0.5, 1, 0.5, 0, 0.5, 1, 0.8, 0.6, 0.4]);
    const s = contourSlopes(x);
    expect(s.peaks).toBe(2);
    expect(s.meanRising).toBeCloseTo(50, 4);
    expect(s.meanFalling).toBeCloseTo((50 + -0.6 / 0.03) / 2, 3);
    // deviation of the single inner falling slope from the mean, divided by the count 2
    expect(s.stddevFalling).toBeCloseTo(Math.sqrt((50 - s.meanFalling) ** 2 / 2), 3);
  });

  it('does not split peaks at flat minima (only strict extrema count)', () => {
    const x = Float64Array.from([0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0]);
    expect(contourSlopes(x).peaks).toBe(1);
  });
});
