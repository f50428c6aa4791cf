// Voiced and unvoiced segment statistics of eGeMAPS (openSMILE cFunctionalSegments on the F0 contour as
// described in spec egemaps.md §5): runs of ≥ 3 active frames, closed by ≥ 2 inactive frames.

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

/** Statistics of runs of frames whose activity is `active` (true: x ≠ 0, false: x = 0). */
export function segmentStats(x: Float64Array, active: boolean, options: SegmentStatsOptions = {}): SegmentStats {
  const minFrames = options.minFrames ?? 3;
  const closing = options.closingFrames ?? 2;
  const dt = options.frameSeconds ?? 0.01;
  const lengths: number[] = [];
  let start = -1, last = -1, gap = 0;
  const close = (): void => {
    if (start >= 0 && last - start + 1 >= minFrames) lengths.push(last - start);
    start = -1;
  };
  for (let i = 0; i < x.length; i++) {
    if ((x[i] !== 0) === active) {
      if (start < 0) start = i;
      last = i;
      gap = 0;
    } else if (start >= 0 && ++gap >= closing) close();
  }
  close();
  const count = lengths.length;
  if (count === 0) return { count: 0, meanSeconds: 0, stddevSeconds: 0 };
  const mean = lengths.reduce((a, b) => a + b, 0) / count;
  const variance = lengths.reduce((a, b) => a + (b - mean) ** 2, 0) / count;
  return { count, meanSeconds: mean * dt, stddevSeconds: count > 1 ? Math.sqrt(variance) * dt : 0 };
}
