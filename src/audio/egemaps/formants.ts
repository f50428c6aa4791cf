// Formants by LPC root solving on an 11 kHz band-limited resampling of the stream-B spectrum (Markel & Gray
// 1976, Linear Prediction of Speech, §6; openSMILE's eGeMAPS configuration and quirks per spec egemaps.md §3.6:
// the solved polynomial is z^p − Σ a_k z^(p−k), i.e. with the predictor's sign flipped).
import { autocorrelation, levinsonDurbin } from './lpc.js';
import { polynomialRoots } from './polynomial-roots.js';

/** LPC order used for formant estimation. */
const ORDER = 11;
/** Target rate of the spectral resampling, Hz. */
const TARGET_RATE_HZ = 11000;
/** Spectral bins (above DC) that enter the resampling. */
const KEPT_BINS = 109;

/** Precomputed resampling basis for one FFT size and sample rate. */
export interface FormantPlan {
  readonly outLength: number;
  readonly keptBins: number;
  readonly rateHz: number;
  /** cos/sin of 2πkn/N' for n < outLength, k = 1..keptBins (row n, column k−1). */
  readonly cos: Float64Array;
  readonly sin: Float64Array;
}

/** Precomputes the inverse-DFT resampling of an fftSize-point spectrum to 11 kHz. */
export function formantPlan(fftSize: number, frameLength: number, sampleRateHz: number): FormantPlan {
  const denominator = Math.round((fftSize * TARGET_RATE_HZ) / sampleRateHz);
  const rateHz = (denominator * sampleRateHz) / fftSize;
  const outLength = Math.min(Math.round((frameLength * TARGET_RATE_HZ) / sampleRateHz), denominator);
  // The reference keeps the first 109 bins above DC whatever the rate (3.4 kHz at 16 kHz; measured at 8, 16 and
  // 44.1 kHz against its outputs).
  const keptBins = Math.min(KEPT_BINS, fftSize / 2);
  const cos = new Float64Array(outLength * keptBins), sin = new Float64Array(outLength * keptBins);
  for (let n = 0; n < outLength; n++) {
    for (let k = 1; k <= keptBins; k++) {
      const ph = (2 * Math.PI * ((k * n) % denominator)) / denominator;
      cos[n * keptBins + k - 1] = Math.cos(ph);
      sin[n * keptBins + k - 1] = Math.sin(ph);
    }
  }
  return { outLength, keptBins, rateHz, cos, sin };
}

const scratch = {
  x: new Float64Array(0), r: new Float64Array(ORDER + 1), a: new Float64Array(ORDER + 1),
  s: new Float64Array(ORDER + 1), poly: new Float64Array(ORDER + 1),
  re: new Float64Array(ORDER), im: new Float64Array(ORDER), freq: new Float64Array(ORDER), bw: new Float64Array(ORDER),
};

/** Resamples the spectrum (re, im) to the plan's rate: real part of the one-sided inverse DFT over bins 0..kept. */
export function resampleSpectrum(re: Float64Array, im: Float64Array, plan: FormantPlan, out: Float64Array): void {
  const kb = plan.keptBins;
  for (let n = 0; n < plan.outLength; n++) {
    let s = re[0]!;
    const row = n * kb;
    for (let k = 1; k <= kb; k++) s += re[k]! * plan.cos[row + k - 1]! - im[k]! * plan.sin[row + k - 1]!;
    out[n] = s;
  }
}

/** Writes (F1, B1, F2, B2, F3, B3) in Hz into `out` from a frame's complex spectrum; 0 where none found. */
export function formants(re: Float64Array, im: Float64Array, plan: FormantPlan, out: Float64Array): void {
  if (scratch.x.length < plan.outLength) scratch.x = new Float64Array(plan.outLength);
  const { x, r, a, s, poly } = scratch;
  out.fill(0);
  resampleSpectrum(re, im, plan, x);
  autocorrelation(x, plan.outLength, ORDER, r);
  if (levinsonDurbin(r, ORDER, a, s) <= 0) return;
  poly[0] = 1;
  for (let k = 1; k <= ORDER; k++) poly[k] = -a[k]!;
  if (!polynomialRoots(poly, scratch.re, scratch.im)) return;
  let found = 0;
  for (let i = 0; i < ORDER && found < 5; i++) {
    let zr = scratch.re[i]!, zi = scratch.im[i]!;
    const mag2 = zr * zr + zi * zi;
    if (mag2 > 1) { zr /= mag2; zi /= mag2; }
    if (zi < 0) continue;
    const hz = (Math.abs(Math.atan2(zi, zr)) * plan.rateHz) / (2 * Math.PI);
    if (hz < 50 || hz > plan.rateHz / 2 - 50) continue;
    scratch.freq[found] = hz;
    scratch.bw[found] = (-Math.log(Math.sqrt(zr * zr + zi * zi)) * plan.rateHz) / Math.PI;
    found++;
  }
  sortPairs(scratch.freq, scratch.bw, found);
  for (let i = 0; i < Math.min(found, 3); i++) {
    out[2 * i] = scratch.freq[i]!;
    out[2 * i + 1] = scratch.bw[i]!;
  }
}

/** Insertion sort of (freq, bw) pairs by frequency, first `n` entries. */
function sortPairs(freq: Float64Array, bw: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const f = freq[i]!, b = bw[i]!;
    let j = i - 1;
    while (j >= 0 && freq[j]! > f) { freq[j + 1] = freq[j]!; bw[j + 1] = bw[j]!; j--; }
    freq[j + 1] = f; bw[j + 1] = b;
  }
}
