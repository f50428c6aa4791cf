// F0 candidates by subharmonic summation on a log-frequency axis (Hermes 1988, "Measurement of pitch by
// subharmonic summation", JASA 83(1)), in the variant of openSMILE 3.0.2's eGeMAPS configuration: the magnitude
// spectrum is peak-enhanced, smoothed, resampled by a natural cubic spline onto an octave axis of as many points as
// the spectrum has bins (25 Hz .. Nyquist), weighted by an arctangent auditory sensitivity curve, then summed over
// 15 compressed harmonic shifts.
import type { SplinePlan } from './cubic-spline.js';
import { splinePlan, planSecondDerivatives, planSplineWeighted } from './cubic-spline.js';
import { parabolaVertex } from './peaks.js';

/** Number of F0 candidates kept per frame. */
export const CANDIDATES = 6;
const MIN_HZ = 25;
const HARMONICS = 15, COMPRESSION = 0.85;
const F0_MIN_HZ = 55, F0_MAX_HZ = 1000;
const f32 = Math.fround;

/** Per-FFT-size precomputation of the log-frequency resampling and weighting. */
export interface ShsPlan {
  readonly bins: number;
  /** Points of the octave axis (= bins). */
  readonly points: number;
  readonly srcX: Float64Array;
  readonly spline: SplinePlan;
  readonly weight: Float64Array;
  readonly shift: Int32Array;
  readonly gain: Float64Array;
  /** log2 of the axis' first frequency and the spacing of its points, single precision as the pitch stage reads them. */
  readonly axisStart: number;
  readonly axisStep: number;
}

/** Precomputes the SHS plan for a magnitude spectrum of fftSize/2+1 bins. */
export function shsPlan(fftSize: number, sampleRateHz: number): ShsPlan {
  const bins = fftSize / 2 + 1, points = bins;
  const binHz = sampleRateHz / fftSize;
  const maxHz = binHz * (bins - 1);
  // Source abscissae: log2 of each bin's frequency; bin 0 extrapolated linearly from bins 1 and 2.
  const srcX = new Float64Array(bins);
  for (let k = 1; k < bins; k++) srcX[k] = Math.log2(k * binHz);
  srcX[0] = 2 * srcX[1]! - srcX[2]!;
  // Target axis: `points` equidistant points from log2(25 Hz) to log2(Nyquist), both ends included.
  const lo = Math.log2(MIN_HZ), hi = Math.log2(maxHz);
  const step = (hi - lo) / (points - 1);
  const dstX = new Float64Array(points);
  for (let j = 0; j < points; j++) dstX[j] = lo + j * step;
  dstX[points - 1] = Math.min(dstX[points - 1]!, srcX[bins - 1]!);
  // The density used for the harmonic shifts and the weighting is points per octave (not intervals per octave).
  const octaves = Math.log2(maxHz / MIN_HZ);
  const perOctave = points / octaves;
  const s = perOctave * Math.log2(65 / 50) - 1;
  const weight = new Float64Array(points);
  for (let i = 0; i < points; i++) weight[i] = 0.5 + Math.atan((3 * (i + 1 - s)) / perOctave) / Math.PI;
  // The pitch stage receives the density in single precision and compresses with a single-precision factor.
  const perOctave32 = f32(perOctave);
  const shift = new Int32Array(HARMONICS), gain = new Float64Array(HARMONICS);
  let g = 1;
  for (let h = 1; h <= HARMONICS; h++) {
    shift[h - 1] = Math.floor(perOctave32 * Math.log2(h));
    gain[h - 1] = g;
    g = f32(g * f32(COMPRESSION));
  }
  const axisStart = f32(lo);
  const axisStep = f32(f32(f32(hi) - axisStart) / (points - 1));
  return { bins, points, srcX, spline: splinePlan(srcX, bins, dstX), weight, shift, gain, axisStart, axisStep };
}

/** Scratch buffers of one SHS computation. */
export interface ShsScratch {
  peaks: Float64Array; y2: Float64Array; u: Float64Array; logSpec: Float64Array; ss: Float64Array;
  maxima: Int32Array; index: Int32Array; score: Float64Array;
}

/** Allocates scratch for a plan. */
export function shsScratch(plan: ShsPlan): ShsScratch {
  const b = plan.bins, p = plan.points;
  return { peaks: new Float64Array(b), y2: new Float64Array(b), u: new Float64Array(b), logSpec: new Float64Array(p), ss: new Float64Array(p),
    maxima: new Int32Array(b), index: new Int32Array(CANDIDATES), score: new Float64Array(CANDIDATES) };
}

/**
 * Peak enhancement of a linear magnitude spectrum, in place: local maxima are the interior bins greater than the
 * left neighbour and not smaller than the right one, plus either end bin when it exceeds its neighbour. Between
 * two successive maxima every bin more than two bins away from both is zeroed; bins before the first and after the
 * last maximum are kept. With exactly one maximum only bins 0..2 survive (openSMILE's indexing quirk).
 */
export function enhancePeaks(a: Float64Array, n: number, maxima: Int32Array): void {
  let m = 0;
  if (a[0]! > a[1]!) maxima[m++] = 0;
  for (let i = 1; i < n - 1; i++) if (a[i]! > a[i - 1]! && a[i]! >= a[i + 1]!) maxima[m++] = i;
  if (a[n - 1]! > a[n - 2]!) maxima[m++] = n - 1;
  if (m === 1) {
    a.fill(0, 3, n);
    return;
  }
  for (let k = 1; k < m; k++) {
    const from = maxima[k - 1]! + 3, to = maxima[k]! - 3;
    for (let j = from; j <= to; j++) a[j] = 0;
  }
}

/** (1 2 1)/4 smoothing, in place, from the original neighbours (zero left of bin 0); the last bin is left as it is. */
export function smoothSpectrum(a: Float64Array, n: number): void {
  let prev = 0;
  for (let i = 0; i < n - 1; i++) {
    const cur = a[i]!;
    a[i] = (prev + 2 * cur + a[i + 1]!) / 4;
    prev = cur;
  }
}

/** The subharmonic sum SS over the log-frequency axis of one magnitude spectrum (written into sc.ss). */
export function subharmonicSum(mag: Float64Array, plan: ShsPlan, sc: ShsScratch): void {
  const bins = plan.bins, points = plan.points;
  sc.peaks.set(mag.subarray(0, bins));
  enhancePeaks(sc.peaks, bins, sc.maxima);
  smoothSpectrum(sc.peaks, bins);
  planSecondDerivatives(plan.spline, sc.peaks, sc.y2, sc.u);
  const logSpec = sc.logSpec, ss = sc.ss;
  planSplineWeighted(plan.spline, sc.peaks, sc.y2, plan.weight, logSpec);
  subharmonicTerms(plan, logSpec, ss);
  for (let i = 0; i < points; i++) {
    const v = ss[i]! / HARMONICS;
    ss[i] = v > 0 ? v : 0;
  }
}

/**
 * ss[i] = Σ_h gain[h]·logSpec[i + shift[h]] over the harmonics inside the axis, each sum added in harmonic order;
 * four points share each harmonic's loads where all 15 harmonics fit.
 */
function subharmonicTerms(plan: ShsPlan, logSpec: Float64Array, ss: Float64Array): void {
  const gain = plan.gain, shift = plan.shift, points = plan.points, full = points - shift[HARMONICS - 1]!;
  let i = 0;
  for (; i + 4 <= full; i += 4) {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let h = 0; h < HARMONICS; h++) {
      const g = gain[h]!, b = i + shift[h]!;
      s0 += g * logSpec[b]!; s1 += g * logSpec[b + 1]!; s2 += g * logSpec[b + 2]!; s3 += g * logSpec[b + 3]!;
    }
    ss[i] = s0; ss[i + 1] = s1; ss[i + 2] = s2; ss[i + 3] = s3;
  }
  for (; i < points; i++) {
    let v = 0;
    for (let h = 0; h < HARMONICS && i + shift[h]! < points; h++) v += gain[h]! * logSpec[i + shift[h]!]!;
    ss[i] = v;
  }
}

const vertex = new Float64Array(2);

/**
 * F0 candidates of one frame: writes up to CANDIDATES (Hz, voicing probability) pairs into freq/prob (0 where
 * empty) and returns their number. Peaks of SS are ranked by their sampled height; each is refined by a parabola
 * through its three points, whose vertex gives the frequency and the score; voicing = 1 − mean(SS)/score. Candidates
 * outside 55..1000 Hz are then removed (order kept) and the best-scored one is swapped into the first slot.
 */
export function shsCandidates(plan: ShsPlan, sc: ShsScratch, freq: Float64Array, prob: Float64Array): number {
  const ss = sc.ss, points = plan.points, index = sc.index, score = sc.score;
  freq.fill(0);
  prob.fill(0);
  score.fill(0);
  let count = 0, sum = ss[0]!;
  for (let i = 1; i < points - 1; i++) {
    const c = ss[i]!;
    sum += c;
    if (!(ss[i - 1]! < c && c > ss[i + 1]!)) continue;
    let pos = 0;
    while (pos < CANDIDATES && score[pos] !== 0 && !(score[pos]! < c)) pos++;
    if (pos >= CANDIDATES) continue;
    for (let j = CANDIDATES - 1; j > pos; j--) { score[j] = score[j - 1]!; index[j] = index[j - 1]!; }
    score[pos] = c;
    index[pos] = i;
    if (count < CANDIDATES) count++;
  }
  const mean = (sum + ss[points - 1]!) / points;
  const start = plan.axisStart, step = plan.axisStep;
  let kept = 0;
  for (let j = 0; j < count; j++) {
    const i = index[j]!;
    const x1 = f32(f32(i * step) + start), x2 = f32(f32((i + 1) * step) + start), x0 = f32(f32((i - 1) * step) + start);
    parabolaVertex(x0, ss[i - 1]!, x1, ss[i]!, x2, ss[i + 1]!, vertex);
    const hz = f32(Math.pow(2, vertex[0]!));
    const s = vertex[1]!;
    if (hz > F0_MAX_HZ || hz < F0_MIN_HZ) continue;
    freq[kept] = hz;
    prob[kept] = s > 0 && s > mean ? f32(1 - mean / s) : 0;
    score[kept] = f32(s);
    kept++;
  }
  for (let j = kept; j < CANDIDATES; j++) score[j] = 0;
  let best = 0;
  for (let j = 1; j < CANDIDATES; j++) if (score[j]! > score[best]!) best = j;
  if (best > 0) {
    let t = freq[0]!; freq[0] = freq[best]!; freq[best] = t;
    t = prob[0]!; prob[0] = prob[best]!; prob[best] = t;
  }
  return kept;
}
