// Peaks and rising/falling slopes of a contour (openSMILE cFunctionalPeaks2 behaviour as far as it could be
// reconstructed from reference outputs; spec egemaps.md §5). Extrema are strict local extrema in [2, n−3],
// accepted with hysteresis against 0.1 × the contour's range; segments run start → extrema → end.

/** Share of the range by which a maximum must exceed the last accepted one to replace it. */
const REPLACE_FRACTION = 0.005;

/** Peaks and slope statistics of one contour. */
export interface SlopeStats {
  peaks: number;
  meanRising: number;
  stddevRising: number;
  meanFalling: number;
  stddevFalling: number;
}

/** Options of contourSlopes. */
export interface ContourSlopesOptions {
  /** Threshold relative to the contour's range (default 0.1). */
  relativeThreshold?: number;
  /** Time between frames in seconds (default 0.01). */
  frameSeconds?: number;
}

/** Accepted extrema: positions and types (+1 max, −1 min), by hysteresis over strict local extrema. */
export function contourExtrema(x: Float64Array, relativeThreshold = 0.1): { pos: number[]; type: number[] } {
  const n = x.length;
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) { lo = Math.min(lo, x[i]!); hi = Math.max(hi, x[i]!); }
  const thr = relativeThreshold * (hi - lo);
  const pos: number[] = [], type: number[] = [];
  for (let i = 2; i <= n - 3; i++) {
    const v = x[i]!;
    const t = v > x[i - 1]! && v > x[i + 1]! ? 1 : v < x[i - 1]! && v < x[i + 1]! ? -1 : 0;
    if (t === 0) continue;
    const last = pos.length - 1;
    if (last >= 0 && type[last] === t) {
      // A lower minimum always replaces the last one; a higher maximum only when beyond it by more than 0.5 % of
      // the range (fitted to the reference: plateaus keep their first maximum).
      const margin = t === 1 ? REPLACE_FRACTION * (hi - lo) : 0;
      if (t * (v - x[pos[last]!]!) > margin) pos[last] = i;
    } else {
      const ref = last >= 0 ? x[pos[last]!]! : x[0]!;
      if (t * (v - ref) >= thr) { pos.push(i); type.push(t); }
    }
  }
  return { pos, type };
}

/** Mean and "std" of slopes; the tail segment enters the mean but not the sum of squares (openSMILE quirk). */
function meanStd(values: number[], tail: boolean[]): [number, number] {
  if (values.length === 0) return [0, 0];
  let s = 0;
  for (const v of values) s += v;
  const m = s / values.length;
  let q = 0;
  for (let i = 0; i < values.length; i++) if (!tail[i]) q += (values[i]! - m) ** 2;
  return [m, Math.sqrt(q / values.length)];
}

/**
 * Peak count and rising/falling slope statistics (per second). A segment starting at a minimum is rising, at a
 * maximum falling; falling slopes are stored as magnitudes except the final tail segment, which keeps its sign.
 */
export function contourSlopes(x: Float64Array, options: ContourSlopesOptions = {}): SlopeStats {
  const dt = options.frameSeconds ?? 0.01;
  const n = x.length;
  const out: SlopeStats = { peaks: 0, meanRising: 0, stddevRising: 0, meanFalling: 0, stddevFalling: 0 };
  if (n < 2) return out;
  const { pos, type } = contourExtrema(x, options.relativeThreshold ?? 0.1);
  if (pos.length === 0) {
    // No extrema: one slope (last − first)/n, per frame rather than per second (spec §5).
    const s = (x[n - 1]! - x[0]!) / n;
    if (s > 0) out.meanRising = s;
    else if (s < 0) out.meanFalling = s;
    return out;
  }
  const rise: number[] = [], riseTail: boolean[] = [], fall: number[] = [], fallTail: boolean[] = [];
  const pts = [0, ...pos, n - 1];
  const types = [0, ...type, 0];
  for (let k = 0; k + 1 < pts.length; k++) {
    const a = pts[k]!, b = pts[k + 1]!;
    if (b === a) continue;
    const s = (x[b]! - x[a]!) / ((b - a) * dt);
    const tail = k + 2 === pts.length;
    let t = types[k]!;
    if (t === 0) t = types[k + 1] !== 0 ? -types[k + 1]! : s > 0 ? -1 : 1;
    if (t === -1) { rise.push(s); riseTail.push(tail); } else { fall.push(tail ? s : -s); fallTail.push(tail); }
  }
  out.peaks = type.filter((t) => t === 1).length;
  [out.meanRising, out.stddevRising] = meanStd(rise, riseTail);
  [out.meanFalling, out.stddevFalling] = meanStd(fall, fallTail);
  return out;
}
