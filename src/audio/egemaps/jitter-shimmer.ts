// Period-to-period jitter and shimmer on the raw waveform, guided by the smoothed F0 (Titze 1994, Principles of
// Voice Production, §7; openSMILE's cPitchJitter behaviour as described in spec egemaps.md §3.3).

/** What carries over between frames: the last period length and amplitude (0 = none). */
export interface PeriodState {
  lastPeriod: number;
  lastAmplitude: number;
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

/**
 * Local jitter and shimmer (dB) of the frame x[start .. start+length) with F0 f0Hz; updates `state`.
 * Returns [0, 0] for unvoiced frames or when fewer than 2 periods are found.
 */
export function jitterShimmer(
  x: Float32Array, start: number, length: number, f0Hz: number, sampleRateHz: number, state: PeriodState,
  options: JitterShimmerOptions = {},
): [number, number] {
  if (!(f0Hz > 0)) { state.lastPeriod = 0; state.lastAmplitude = 0; return [0, 0]; }
  const range = options.searchRange ?? 0.1, minCorr = options.minCorrelation ?? 0.5;
  const t0 = sampleRateHz / f0Hz;
  const minL = Math.max(2, Math.floor((1 - range) * t0)), maxL = Math.ceil((1 + range) * t0);
  const end = start + length;
  const periods: number[] = [], amps: number[] = [];
  if (state.lastPeriod > 0) { periods.push(state.lastPeriod); amps.push(state.lastAmplitude); }
  let p = start;
  while (p + 2 * (maxL + 1) <= end) {
    let best = -Infinity, bestL = minL;
    for (let L = minL; L <= maxL; L++) {
      const c = periodCorrelation(x, p, L);
      if (c > best) { best = c; bestL = L; }
    }
    if (best > minCorr) {
      const l = bestL > minL ? periodCorrelation(x, p, bestL - 1) : best;
      const r = bestL < maxL ? periodCorrelation(x, p, bestL + 1) : best;
      const den = l - 2 * best + r;
      const delta = den < 0 ? (0.5 * (l - r)) / den : 0;
      periods.push(bestL + delta);
      amps.push(peakToPeak(x, p, bestL));
      p += bestL;
    } else p += minL;
  }
  const found = periods.length - (state.lastPeriod > 0 ? 1 : 0);
  if (found > 0) { state.lastPeriod = periods[periods.length - 1]!; state.lastAmplitude = amps[amps.length - 1]!; }
  if (periods.length < 2) return [0, 0];
  return [relativeMeanDifference(periods), 20 * Math.log10(1 + relativeMeanDifference(amps))];
}

/** mean |v_i − v_{i−1}| / mean v, capped at 1. */
function relativeMeanDifference(v: number[]): number {
  let d = 0, s = 0;
  for (let i = 0; i < v.length; i++) {
    s += v[i]!;
    if (i > 0) d += Math.abs(v[i]! - v[i - 1]!);
  }
  const mean = s / v.length;
  if (!(mean > 0)) return 0;
  return Math.min(1, d / (v.length - 1) / mean);
}
