// Period-to-period jitter and shimmer on the raw waveform, guided by the smoothed F0 (Titze 1994, Principles of
// Voice Production, §7; openSMILE's cPitchJitter behaviour as described in spec egemaps.md §3.3). Periods are
// tracked as a stream: each frame searches for new periods starting within its 10 ms hop, and the last period,
// amplitude and period difference carry over to the next frame (behaviour fitted to the reference outputs).

/** What carries over between frames (0 = none). */
export interface PeriodState {
  lastPeriod: number;
  lastAmplitude: number;
  /** |T_last − T_previous| of the last two periods, or −1 when unknown. */
  lastDifference: number;
  /** Absolute sample index where the next period search starts. */
  cursor: number;
}

/** A fresh period-tracking state. */
export function periodState(): PeriodState {
  return { lastPeriod: 0, lastAmplitude: 0, lastDifference: -1, cursor: 0 };
}

/** Options of jitterShimmer. */
export interface JitterShimmerOptions {
  /** Search range around 1/F0 (default 0.1 = ±10 %). */
  searchRange?: number;
  /** Minimum normalised cross-correlation of consecutive periods (default 0.5). */
  minCorrelation?: number;
}

/** Normalised cross-correlation of x[p..p+L) with x[p+L..p+2L). */
function periodCorrelation(x: Float32Array, p: number, L: number): number {
  let xy = 0, xx = 0, yy = 0;
  for (let i = 0; i < L; i++) {
    const a = x[p + i]!, b = x[p + L + i]!;
    xy += a * b; xx += a * a; yy += b * b;
  }
  const den = Math.sqrt(xx * yy);
  return den > 0 ? xy / den : 0;
}

/** Peak-to-peak amplitude of x[p..p+L). */
function peakToPeak(x: Float32Array, p: number, L: number): number {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < L; i++) { const v = x[p + i]!; if (v < lo) lo = v; if (v > hi) hi = v; }
  return hi - lo;
}

/** Best period length in [minL, maxL] at p by normalised cross-correlation, refined by a parabola. */
function findPeriod(x: Float32Array, p: number, minL: number, maxL: number): { length: number; step: number; corr: number } {
  let best = -Infinity, bestL = minL;
  for (let L = minL; L <= maxL; L++) {
    const c = periodCorrelation(x, p, L);
    if (c > best) { best = c; bestL = L; }
  }
  const l = bestL > minL ? periodCorrelation(x, p, bestL - 1) : best;
  const r = bestL < maxL ? periodCorrelation(x, p, bestL + 1) : best;
  const den = l - 2 * best + r;
  const delta = den < 0 ? (0.5 * (l - r)) / den : 0;
  return { length: bestL + delta, step: bestL, corr: best };
}

/**
 * Local jitter and shimmer (dB) of one frame: periods starting in [start, start + hop) (and within the frame of
 * `length` samples), joined to the carried-over period. Updates `state`; returns [0, 0] for unvoiced frames.
 */
export function jitterShimmer(
  x: Float32Array, start: number, hop: number, length: number, f0Hz: number, sampleRateHz: number,
  state: PeriodState, options: JitterShimmerOptions = {},
): [number, number] {
  if (!(f0Hz > 0)) { Object.assign(state, periodState()); return [0, 0]; }
  const range = options.searchRange ?? 0.1, minCorr = options.minCorrelation ?? 0.5;
  const t0 = sampleRateHz / f0Hz;
  const minL = Math.max(2, Math.floor((1 - range) * t0)), maxL = Math.ceil((1 + range) * t0);
  const end = start + length;
  const periods: number[] = [], amps: number[] = [];
  if (state.lastPeriod > 0) { periods.push(state.lastPeriod); amps.push(state.lastAmplitude); }
  let p = Math.max(start, state.cursor);
  while (p + 2 * (maxL + 1) <= end && p < start + hop) {
    const found = findPeriod(x, p, minL, maxL);
    if (found.corr > minCorr) {
      periods.push(found.length);
      amps.push(peakToPeak(x, p, found.step));
      p += found.step;
    } else p += minL;
  }
  state.cursor = p;
  // Period differences: the carried one, then the consecutive ones of this frame.
  const diffs: number[] = [];
  for (let i = 1; i < periods.length; i++) diffs.push(Math.abs(periods[i]! - periods[i - 1]!));
  const carried = state.lastDifference;
  if (diffs.length < 2 && carried >= 0) diffs.unshift(carried);
  if (periods.length > 0) { state.lastPeriod = periods[periods.length - 1]!; state.lastAmplitude = amps[amps.length - 1]!; }
  if (periods.length >= 2) state.lastDifference = Math.abs(periods[periods.length - 1]! - periods[periods.length - 2]!);
  const jitter = diffs.length >= 2 ? Math.min(1, mean(diffs) / mean(periods)) : 0;
  const shimmer = amps.length >= 2 ? 20 * Math.log10(1 + relativeMeanDifference(amps)) : 0;
  return [jitter, shimmer];
}

/** Arithmetic mean of a non-empty list. */
function mean(v: number[]): number {
  let s = 0;
  for (const a of v) s += a;
  return s / v.length;
}

/** mean |v_i − v_{i−1}| / mean v, capped at 1. */
function relativeMeanDifference(v: number[]): number {
  let d = 0;
  for (let i = 1; i < v.length; i++) d += Math.abs(v[i]! - v[i - 1]!);
  const m = mean(v);
  return m > 0 ? Math.min(1, d / (v.length - 1) / m) : 0;
}
