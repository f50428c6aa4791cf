// F0 candidates by subharmonic summation on a log-frequency axis (Hermes 1988, "Measurement of pitch by
// subharmonic summation", JASA 83(1); openSMILE's variant as described in spec egemaps.md §3.1).
import type { SplinePlan } from './cubic-spline.js';
import { splinePlan, planSecondDerivatives, planSplineWeighted } from './cubic-spline.js';

/** Number of F0 candidates kept per frame. */
export const CANDIDATES = 6;
const POINTS = 513;
const MIN_HZ = 25, MAX_HZ = 8000;
const HARMONICS = 15, COMPRESSION = 0.85;
const F0_MIN_HZ = 55, F0_MAX_HZ = 1000;

/** Per-FFT-size precomputation of the log-frequency resampling and weighting. */
export interface ShsPlan {
  readonly bins: number;
  readonly srcX: Float64Array;
  readonly dstX: Float64Array;
  readonly spline: SplinePlan;
  readonly weight: Float64Array;
  readonly shift: Int32Array;
  readonly gain: Float64Array;
  readonly step: number;
}

/** Precomputes the SHS plan for a magnitude spectrum of fftSize/2+1 bins. */
export function shsPlan(fftSize: number, sampleRateHz: number): ShsPlan {
  const bins = fftSize / 2 + 1;
  const binHz = sampleRateHz / fftSize;
  const srcX = new Float64Array(bins);
  for (let k = 1; k < bins; k++) srcX[k] = Math.log2(k * binHz);
  srcX[0] = 2 * srcX[1]! - srcX[2]!;
  const lo = Math.log2(MIN_HZ);
  const perOctave = POINTS / Math.log2(MAX_HZ / MIN_HZ);
  const step = 1 / perOctave;
  const dstX = new Float64Array(POINTS);
  for (let j = 0; j < POINTS; j++) dstX[j] = lo + j * step;
  const s = perOctave * Math.log2(65 / 50) - 1;
  const weight = new Float64Array(POINTS);
  for (let i = 0; i < POINTS; i++) weight[i] = 0.5 + Math.atan((3 * (i + 1 - s)) / perOctave) / Math.PI;
  const shift = new Int32Array(HARMONICS), gain = new Float64Array(HARMONICS);
  for (let h = 1; h <= HARMONICS; h++) {
    shift[h - 1] = Math.floor(perOctave * Math.log2(h));
    gain[h - 1] = Math.pow(COMPRESSION, h - 1);
  }
  return { bins, srcX, dstX, spline: splinePlan(srcX, bins, dstX), weight, shift, gain, step };
}

/** Scratch buffers of one SHS computation. */
export interface ShsScratch { peaks: Float64Array; y2: Float64Array; u: Float64Array; logSpec: Float64Array; ss: Float64Array; score: Float64Array }

/** Allocates scratch for a plan. */
export function shsScratch(plan: ShsPlan): ShsScratch {
  const b = plan.bins;
  return { peaks: new Float64Array(b), y2: new Float64Array(b), u: new Float64Array(b), logSpec: new Float64Array(POINTS), ss: new Float64Array(POINTS),
    score: new Float64Array(CANDIDATES) };
}

/** Keeps ±2 bins around each local maximum of the magnitude spectrum, then smooths in place (1 2 1)/4. */
function peakSpectrum(mag: Float64Array, out: Float64Array, bins: number): void {
  out.fill(0);
  for (let k = 1; k < bins - 1; k++) {
    if (mag[k]! > mag[k - 1]! && mag[k]! > mag[k + 1]!) {
      for (let j = Math.max(0, k - 2); j <= Math.min(bins - 1, k + 2); j++) out[j] = mag[j]!;
    }
  }
  for (let i = 1; i < bins - 1; i++) out[i] = (out[i - 1]! + 2 * out[i]! + out[i + 1]!) / 4;
}

/** The subharmonic sum SS over the log-frequency axis of one magnitude spectrum (written into sc.ss). */
export function subharmonicSum(mag: Float64Array, plan: ShsPlan, sc: ShsScratch): void {
  peakSpectrum(mag, sc.peaks, plan.bins);
  planSecondDerivatives(plan.spline, sc.peaks, sc.y2, sc.u);
  const logSpec = sc.logSpec, ss = sc.ss;
  planSplineWeighted(plan.spline, sc.peaks, sc.y2, plan.weight, logSpec);
  subharmonicTerms(plan, logSpec, ss);
  for (let i = 0; i < POINTS; i++) {
    const v = ss[i]! / HARMONICS;
    ss[i] = v > 0 ? v : 0;
  }
}

/**
 * ss[i] = Σ_h gain[h]·logSpec[i + shift[h]] over the harmonics inside the axis, each sum added in harmonic order;
 * four points share each harmonic's loads where all 15 harmonics fit.
 */
function subharmonicTerms(plan: ShsPlan, logSpec: Float64Array, ss: Float64Array): void {
  const gain = plan.gain, shift = plan.shift, full = POINTS - shift[HARMONICS - 1]!;
  let i = 0;
  for (; i + 4 <= full; i += 4) {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let h = 0; h < HARMONICS; h++) {
      const g = gain[h]!, b = i + shift[h]!;
      s0 += g * logSpec[b]!; s1 += g * logSpec[b + 1]!; s2 += g * logSpec[b + 2]!; s3 += g * logSpec[b + 3]!;
    }
    ss[i] = s0; ss[i + 1] = s1; ss[i + 2] = s2; ss[i + 3] = s3;
  }
  for (; i < POINTS; i++) {
    let v = 0;
    for (let h = 0; h < HARMONICS && i + shift[h]! < POINTS; h++) v += gain[h]! * logSpec[i + shift[h]!]!;
    ss[i] = v;
  }
}

/**
 * F0 candidates of one frame: writes up to CANDIDATES (Hz, voicing probability) pairs, best first, into
 * freq/prob (0 where empty). Returns the number of candidates.
 */
export function shsCandidates(plan: ShsPlan, sc: ShsScratch, freq: Float64Array, prob: Float64Array): number {
  const ss = sc.ss;
  let mean = 0;
  for (let i = 0; i < POINTS; i++) mean += ss[i]!;
  mean /= POINTS;
  freq.fill(0);
  prob.fill(0);
  const score = sc.score;
  score.fill(0);
  let count = 0;
  for (let i = 1; i < POINTS - 1; i++) {
    const c = ss[i]!, l = ss[i - 1]!, r = ss[i + 1]!;
    if (!(c > l && c > r)) continue;
    const den = l - 2 * c + r;
    const delta = den !== 0 ? (0.5 * (l - r)) / den : 0;
    const octave = plan.dstX[i]! + delta * plan.step; // log2 Hz; 2^octave only for the final top list
    const peak = c - 0.25 * (l - r) * delta;
    // Insert into the top list ordered by score.
    let pos = count < CANDIDATES ? count : CANDIDATES;
    while (pos > 0 && score[pos - 1]! < peak) pos--;
    if (pos >= CANDIDATES) continue;
    for (let j = Math.min(count, CANDIDATES - 1); j > pos; j--) { score[j] = score[j - 1]!; freq[j] = freq[j - 1]!; }
    score[pos] = peak;
    freq[pos] = octave;
    if (count < CANDIDATES) count++;
  }
  // Out-of-range candidates are dropped after the top list is formed (spec §3.1 step 7).
  let kept = 0;
  for (let j = 0; j < count; j++) {
    const hz = Math.pow(2, freq[j]!);
    if (hz < F0_MIN_HZ || hz > F0_MAX_HZ) continue;
    freq[kept] = hz;
    prob[kept] = score[j]! > mean ? 1 - mean / score[j]! : 0;
    kept++;
  }
  for (let j = kept; j < CANDIDATES; j++) { freq[j] = 0; prob[j] = 0; }
  return kept;
}
