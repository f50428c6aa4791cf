// Formants by LPC root solving on an 11 kHz band-limited resampling of the stream-B spectrum (Markel & Gray
// 1976, Linear Prediction of Speech, §6; openSMILE's eGeMAPS configuration and quirks per docs/egemaps.md:
// the solved polynomial is z^p − Σ a_k z^(p−k), i.e. with the predictor's sign flipped).
import { autocorrelation, levinsonDurbin } from './lpc.js';
import { polynomialRoots } from './polynomial-roots.js';
import { Fft } from '../fft.js';

/** LPC order used for formant estimation. */
const ORDER = 11;
/** Target rate of the spectral resampling, Hz. */
const TARGET_RATE_HZ = 11000;

/** Precomputed resampling basis for one FFT size and sample rate. */
export interface FormantPlan {
  readonly outLength: number;
  readonly keptBins: number;
  /** Rate that converts root angles to Hz: always the 11 kHz target (openSMILE keeps the nominal rate). */
  readonly rateHz: number;
  /** Period N' of the resampling kernel e^(2πi·k·n/N') in output samples (not an integer at e.g. 44.1 kHz). */
  readonly denominator: number;
  /** Power-of-two factor P of an integer N' used to split the inverse DFT (null: table evaluation). */
  readonly fft: Fft | null;
  /** Whether the Nyquist bin enters too (output frame at least as long as the FFT). */
  readonly nyquist: boolean;
  /** Whether cos/sin hold the full kernel table (non-integer N' or Nyquist bin) rather than the split path's. */
  readonly table: boolean;
  /** Split path: cos/sin of 2πm/N', m < N'. Table path: cos/sin of 2π·k·n/N' at [n·W + k − 1], W = keptBins (+1). */
  readonly cos: Float64Array;
  readonly sin: Float64Array;
  /** Split path: cos/sin of 2π·k1·n/N' at [n·Q + k1], n < outLength, k1 < Q (null: direct evaluation). */
  readonly cosNk: Float64Array | null;
  readonly sinNk: Float64Array | null;
}

/**
 * Precomputes the inverse-DFT resampling of an fftSize-point spectrum of frameLength-sample frames to 11 kHz.
 * Like openSMILE's spectral resampler, the output frame has round(frameLength·11000/fs) samples and the kernel
 * period is fftSize times that length over frameLength (352 at 8 and 16 kHz, 255.42 at 44.1 kHz), so a bin keeps
 * its frequency in Hz at the nominal 11 kHz rate; bins 1..⌊outLength/2⌋ − 1 (109) enter the sum.
 */
export function formantPlan(fftSize: number, frameLength: number, sampleRateHz: number): FormantPlan {
  const outLength = Math.round((frameLength * TARGET_RATE_HZ) / sampleRateHz);
  const exact = (fftSize * outLength) / frameLength;
  const rounded = Math.round(exact);
  const integral = Math.abs(exact - rounded) < 1e-9;
  const denominator = integral ? rounded : exact;
  // Bins below half the shorter of the FFT and the output frame (rounded down to even), DC excluded.
  const shorter = Math.min(fftSize, outLength) & ~1;
  const keptBins = shorter / 2 - 1;
  const nyquist = outLength >= fftSize;
  if (!integral || nyquist) {
    // Direct evaluation from a table of the kernel e^(2πi·k·n/N'), n < outLength, 1 ≤ k ≤ keptBins (+ Nyquist).
    const w = keptBins + (nyquist ? 1 : 0);
    const cos = new Float64Array(outLength * w), sin = new Float64Array(outLength * w);
    for (let n = 0; n < outLength; n++) {
      for (let j = 0; j < w; j++) {
        const k = j < keptBins ? j + 1 : fftSize / 2;
        const a = (2 * Math.PI * (k * n)) / denominator;
        cos[n * w + j] = Math.cos(a);
        sin[n * w + j] = Math.sin(a);
      }
    }
    return { outLength, keptBins, nyquist, table: true, rateHz: TARGET_RATE_HZ, denominator, cos, sin, fft: null, cosNk: null, sinNk: null };
  }
  // e^(2πi·m/D) takes only D distinct values: index it by (k·n) mod D.
  const cos = new Float64Array(denominator), sin = new Float64Array(denominator);
  for (let m = 0; m < denominator; m++) {
    cos[m] = Math.cos((2 * Math.PI * m) / denominator);
    sin[m] = Math.sin((2 * Math.PI * m) / denominator);
  }
  let radix = 1;
  while (denominator % (radix * 2) === 0 && radix < 64) radix *= 2;
  const fft = radix >= 4 ? new Fft(radix) : null;
  const [cosNk, sinNk] = fft === null ? [null, null] : splitTwiddles(cos, sin, outLength, denominator / radix, denominator);
  return { outLength, keptBins, nyquist, table: false, rateHz: TARGET_RATE_HZ, denominator, cos, sin, fft, cosNk, sinNk };
}

/** Twiddle tables of the split inverse DFT: e^(2πi·(k1·n mod D)/D) for n < outLength, k1 < q. */
function splitTwiddles(cos: Float64Array, sin: Float64Array, outLength: number, q: number, d: number): [Float64Array, Float64Array] {
  const c = new Float64Array(outLength * q), s = new Float64Array(outLength * q);
  for (let n = 0; n < outLength; n++) {
    for (let k1 = 0; k1 < q; k1++) {
      const m = (k1 * n) % d;
      c[n * q + k1] = cos[m]!;
      s[n * q + k1] = sin[m]!;
    }
  }
  return [c, s];
}

const scratch = {
  x: new Float64Array(0), r: new Float64Array(ORDER + 1), a: new Float64Array(ORDER + 1),
  s: new Float64Array(ORDER + 1), poly: new Float64Array(ORDER + 1),
  re: new Float64Array(ORDER), im: new Float64Array(ORDER), freq: new Float64Array(ORDER), bw: new Float64Array(ORDER),
};

/**
 * Resamples the spectrum (re, im) to the plan's rate: x[n] = Re Σ_{k=0..K} X[k]·e^(2πikn/N'), n < outLength (DC
 * and the kept bins counted once each, as openSMILE's resampler does; the overall scale does not matter for LPC).
 * With an integer N' = P·Q (P a power of two) the sum splits by k = k1 + Q·k2 into Q inverse FFTs of size P
 * (Cooley & Tukey 1965), then x[n] = Re Σ_{k1} e^(2πi·k1·n/N')·Z_{k1}[n mod P].
 */
export function resampleSpectrum(re: Float64Array, im: Float64Array, plan: FormantPlan, out: Float64Array): void {
  const kb = plan.keptBins, d = plan.denominator, cos = plan.cos, sin = plan.sin, fft = plan.fft;
  if (plan.table) {
    const w = kb + (plan.nyquist ? 1 : 0), ny = re.length - 1;
    for (let n = 0, base = 0; n < plan.outLength; n++, base += w) {
      let s = re[0]!;
      for (let k = 1; k <= kb; k++) s += re[k]! * cos[base + k - 1]! - im[k]! * sin[base + k - 1]!;
      if (plan.nyquist) s += re[ny]! * cos[base + kb]!;
      out[n] = s;
    }
    return;
  }
  if (fft === null) {
    for (let n = 0; n < plan.outLength; n++) {
      let s = re[0]!, m = 0;
      for (let k = 1; k <= kb; k++) {
        m += n;
        while (m >= d) m -= d;
        s += re[k]! * cos[m]! - im[k]! * sin[m]!;
      }
      out[n] = s;
    }
    return;
  }
  const p = fft.size, q = d / p;
  const sub = subScratch(p, q);
  for (let k1 = 0; k1 < q; k1++) {
    const zr = sub.re[k1]!, zi = sub.im[k1]!;
    zr.fill(0);
    zi.fill(0);
    for (let k2 = 0; k1 + q * k2 <= kb && k2 < p; k2++) {
      zr[k2] = re[k1 + q * k2]!;
      zi[k2] = im[k1 + q * k2]!;
    }
    fft.transform(zr, zi, true);
  }
  const cosNk = plan.cosNk!, sinNk = plan.sinNk!, tRe = sub.tRe, tIm = sub.tIm;
  for (let k1 = 0; k1 < q; k1++) {
    const zr = sub.re[k1]!, zi = sub.im[k1]!;
    for (let r = 0; r < p; r++) { tRe[r * q + k1] = zr[r]!; tIm[r * q + k1] = zi[r]!; }
  }
  for (let n = 0; n < plan.outLength; n++) {
    const rb = (n % p) * q, base = n * q;
    let s = 0;
    for (let k1 = 0; k1 < q; k1++) s += cosNk[base + k1]! * tRe[rb + k1]! - sinNk[base + k1]! * tIm[rb + k1]!;
    out[n] = s * p;
  }
}

interface SubScratch { re: Float64Array[]; im: Float64Array[]; tRe: Float64Array; tIm: Float64Array }

const subs = new Map<number, SubScratch>();

/** Scratch buffers for the split inverse DFT: Q sequences of length P, and their transposes (P rows of Q). */
function subScratch(p: number, q: number): SubScratch {
  const key = p * 100000 + q;
  let s = subs.get(key);
  if (s === undefined) {
    const flatRe = new Float64Array(p * q), flatIm = new Float64Array(p * q);
    const view = (a: Float64Array): Float64Array[] => Array.from({ length: q }, (_, k) => a.subarray(k * p, (k + 1) * p));
    s = { re: view(flatRe), im: view(flatIm), tRe: new Float64Array(p * q), tIm: new Float64Array(p * q) };
    subs.set(key, s);
  }
  return s;
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
