import { describe, expect, it } from 'vitest';
import { segmentStats } from './segments.js';

describe('voiced/unvoiced segments', () => {
  it('counts runs of ≥ 3 frames closed by ≥ 2 inactive frames; length is frames − 1', () => {
    //                          run A (4 frames, 1 gap frame bridged)    short run    run B (3)
    const f0 = Float64Array.from([1, 1, 0, 1, 0, 0, 1, 1, 0, 0, 1, 1, 1]);
    const v = segmentStats(f0, true);
    expect(v.count).toBe(2); // [0..3] (4 frames incl. the bridged gap) and [10..12]
    expect(v.meanSeconds).toBeCloseTo(((3 + 2) / 2) * 0.01, 12);
    expect(v.stddevSeconds).toBeCloseTo(0.5 * 0.01, 12);
  });

  it('gives zeros without segments and std 0 for one segment', () => {
    expect(segmentStats(new Float64Array(10), true)).toEqual({ count: 0, meanSeconds: 0, stddevSeconds: 0 });
    expect(segmentStats(new Float64Array(10), false).stddevSeconds).toBe(0);
  });
});
