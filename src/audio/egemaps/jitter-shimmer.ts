// Period-to-period jitter and shimmer on the raw waveform, guided by the smoothed F0 (Titze 1994, Principles of
// Voice Production, §7), computed the way openSMILE's cPitchJitter does it with eGeMAPSv02's settings
// (search range ±10 %, at least 2 periods, correlation threshold 0.5).
//
// The waveform is consumed as a stream. Each 10 ms F0 frame reads a block that starts where the previous frame's
// last complete period ended (`readStart`): the hop plus what the previous frame left unconsumed, but at least two
// maximal periods plus two samples. Within the block, period candidates L in [⌊0.9·T⌋, ⌈1.1·T⌉] (T = fs/F0) are
// scored by the Pearson correlation of x[s, s+L) with x[s+L, s+2L); the best strict local maximum of that score
// (the two largest L can never be one) gives the period. A period whose parabola-interpolated correlation exceeds
// 0.5 is accepted: its interpolated length enters the frame's mean period, its absolute difference to the
// previous accepted period (carried across frames until an unvoiced frame) enters the jitter, and the
// peak-to-peak amplitudes (samples 1..L−2) of it and the following period enter the shimmer. Without a local
// maximum the search steps on by the rounded expected period. A voiced frame without any accepted period repeats
// the previous frame's values; one with a single accepted period and nothing carried gives jitter 0.
import { parabolaOffset, parabolaPeak } from './peaks.js';

/** What carries over between frames. */
export interface PeriodState {
  /** Absolute sample index where the next frame's block starts. */
  readStart: number;
  /** Samples of the previous hop not yet consumed by a complete period. */
  carry: number;
  /** Last accepted period (s), 0 when none since the last unvoiced frame. */
  lastPeriod: number;
  /** Jitter and shimmer ratio of the last frame that produced them (repeated by frames without periods). */
  lastJitter: number;
  lastShimmer: number;
  /** Correlation scores per candidate period (scratch). */
  scores: Float64Array;
}

/** A fresh period-tracking state. */
export function periodState(): PeriodState {
  return { readStart: 0, carry: 0, lastPeriod: 0, lastJitter: 0, lastShimmer: 0, scores: new Float64Array(64) };
}

/** Relative period search range (maxT0, minT0 = (1 ± range)·T0). */
const SEARCH_RANGE = 0.1;
/** Periods whose interpolated correlation is at most this are rejected. */
const MIN_CORRELATION = 0.5;
/** Minimum number of periods the block must hold. */
const MIN_PERIODS = 2;

/** Pearson correlation of x[p..p+L) with x[p+L..p+2L) (means removed first, as two passes). */
function periodCorrelation(x: Float32Array, p: number, L: number): number {
  let ma = 0, mb = 0;
  for (let i = 0; i < L; i++) { ma += x[p + i]!; mb += x[p + L + i]!; }
  ma /= L; mb /= L;
  let xy = 0, xx = 0, yy = 0;
  for (let i = 0; i < L; i++) {
    const a = x[p + i]! - ma, b = x[p + L + i]! - mb;
    xy += a * b; xx += a * a; yy += b * b;
  }
  return xy / (Math.sqrt(xx) * Math.sqrt(yy));
}

/** Max − min of x[p+1 .. p+L−2] (the period's first and last sample are left out). */
function peakToPeak(x: Float32Array, p: number, L: number): number {
  let lo = x[p + 1]!, hi = lo;
  for (let i = p + 2; i < p + L - 1; i++) { const v = x[i]!; if (v < lo) lo = v; else if (v > hi) hi = v; }
  return hi - lo;
}

/**
 * Local jitter (ratio) and shimmer (dB) of one F0 frame of `frameLength` samples every `hop` samples, consuming
 * the waveform from `state.readStart` on; [0, 0] for unvoiced frames (which reset the carried period).
 */
export function jitterShimmer(
  x: Float32Array, hop: number, frameLength: number, f0Hz: number, sampleRateHz: number, state: PeriodState,
): [number, number] {
  const toRead0 = hop + state.carry;
  if (!(f0Hz > 0)) {
    state.readStart += toRead0;
    state.carry = 0;
    state.lastPeriod = 0; state.lastJitter = 0; state.lastShimmer = 0;
    return [0, 0];
  }
  const sampleT = 1 / sampleRateHz;
  const tf = 1 / Math.fround(f0Hz) / sampleT;
  const expected = Math.round(tf);
  const minL = Math.floor((1 - SEARCH_RANGE) * tf), maxL = Math.ceil((1 + SEARCH_RANGE) * tf);
  const span = maxL - minL;
  let toRead = Math.max(toRead0, MIN_PERIODS * maxL + MIN_PERIODS);
  toRead = Math.min(toRead, state.carry + frameLength);
  const base = state.readStart;
  const n = Math.min(toRead, x.length - base);
  if (state.scores.length <= span) state.scores = new Float64Array(span + 1);
  const cc = state.scores;

  let sumPeriod = 0, periods = 0, sumDiff = 0, diffs = 0, sumAmp = 0, sumAmpDiff = 0;
  let start = 0, consumed = 0;
  while (start < n - 2 * maxL - 1) {
    const p = base + start;
    for (let L = minL; L <= maxL; L++) cc[L - minL] = periodCorrelation(x, p, L);
    let best = -1;
    for (let i = 1; i < span - 1; i++) {
      if (cc[i - 1]! < cc[i]! && cc[i]! > cc[i + 1]! && (best < 0 || cc[i]! > cc[best]!)) best = i;
    }
    if (best < 0) {
      start += expected;
    } else {
      const L = minL + best;
      const a0 = peakToPeak(x, p, L), a1 = peakToPeak(x, p + L, L);
      start += L;
      // Parabola through the scores at best−1, best, best+1: vertex offset and peak value.
      const l = cc[best - 1]!, c = cc[best]!, r = cc[best + 1]!;
      const offset = parabolaOffset(l, c, r);
      const peak = parabolaPeak(l, c, r, offset);
      if (peak > MIN_CORRELATION) {
        const period = Math.abs(L + offset) * sampleT;
        sumPeriod += period; periods++;
        if (state.lastPeriod > 0) { sumDiff += Math.abs(state.lastPeriod - period); diffs++; }
        state.lastPeriod = period;
        sumAmp += (a0 + a1) / 2;
        sumAmpDiff += Math.abs(a0 - a1);
      }
    }
    if (start < toRead0 - 1) consumed = start;
  }
  state.carry = toRead0 - consumed;
  state.readStart += consumed;

  let jitter = 0;
  if (periods > 0 && diffs > 0) {
    state.lastJitter = Math.min(1, sumDiff / diffs / (sumPeriod / periods));
    jitter = state.lastJitter;
  } else if (periods === 0) {
    state.lastJitter = Math.min(1, state.lastJitter);
    jitter = state.lastJitter;
  }
  if (periods > 0) state.lastShimmer = sumAmp > 0 ? sumAmpDiff / sumAmp : 0;
  state.lastShimmer = Math.min(1, state.lastShimmer);
  return [jitter, 20 * Math.log10(state.lastShimmer + 1)];
}
