// Voiced and unvoiced segment statistics of eGeMAPS (openSMILE cFunctionalSegments on the F0 contour as
// described in docs/egemaps.md and in openSMILE's source): segments of ≥ 3 active frames, closed by ≥ 2
// inactive frames.

/** Segment count and mean/std length (seconds) of runs where `active(value)` holds. */
export interface SegmentStats {
  count: number;
  meanSeconds: number;
  stddevSeconds: number;
}

/** Options of segmentStats. */
export interface SegmentStatsOptions {
  /** Minimum run length in frames (default 3). */
  minFrames?: number;
  /** Inactive frames that close a run (default 2). */
  closingFrames?: number;
  /** Seconds per frame (default 0.01). */
  frameSeconds?: number;
}

/**
 * Statistics of segments of frames whose activity is `active` (true: x ≠ 0, false: x = 0), following openSMILE's
 * cFunctionalSegments "nonX"/"eqX" segmentation (X = 0) as read in its source: an active frame opens a candidate;
 * the candidate becomes a segment once it has collected `minFrames` active frames (single inactive frames in
 * between do not reset the count) and is abandoned after `closingFrames` consecutive inactive frames; a segment
 * ends after `closingFrames` consecutive inactive frames or at the end of the input. A segment's length is its
 * last active frame index minus its first (one less than its frame span).
 */
export function segmentStats(x: Float64Array, active: boolean, options: SegmentStatsOptions = {}): SegmentStats {
  const minFrames = options.minFrames ?? 3;
  const closing = options.closingFrames ?? 2;
  const dt = options.frameSeconds ?? 0.01;
  const lengths: number[] = [];
  let state = 0; // 0 pause, 1 candidate, 2 segment
  let start = 0, count = 0, gap = 0;
  for (let i = 0; i < x.length; i++) {
    if ((x[i] !== 0) === active) {
      if (state === 0) { state = 1; start = i; count = 1; }
      else if (state === 1) { gap = 0; if (++count >= minFrames) state = 2; }
      else gap = 0;
    } else if (state === 1) {
      if (++gap >= closing) { state = 0; gap = 0; }
    } else if (state === 2) {
      if (++gap >= closing) { lengths.push(i - gap - start); state = 0; gap = 0; }
    }
  }
  if (state === 2) lengths.push(x.length - (gap + 1) - start);
  const n = lengths.length;
  if (n === 0) return { count: 0, meanSeconds: 0, stddevSeconds: 0 };
  const mean = lengths.reduce((a, b) => a + b, 0) / n;
  const variance = lengths.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
  return { count: n, meanSeconds: mean * dt, stddevSeconds: n > 1 ? Math.sqrt(variance) * dt : 0 };
}
