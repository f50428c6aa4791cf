// Frame geometry and windows of eGeMAPSv02's two frame streams (docs/egemaps.md), cached per sample rate.
import { AudioInputError } from '../audio-input-error.js';
import { Fft } from '../fft.js';

/** Everything that depends only on the sample rate: frame lengths, FFT plans, windows. */
export interface FramePlan {
  readonly sampleRateHz: number;
  /** Hop between frames in samples (10 ms). */
  readonly hop: number;
  /** Stream A (pitch, harmonics, HNR): 60 ms Gaussian-windowed frames. */
  readonly lengthA: number;
  readonly fftA: Fft;
  readonly windowA: Float64Array;
  /** Stream B (spectral, loudness, formants): 20 ms Hamming-windowed frames. */
  readonly lengthB: number;
  readonly fftB: Fft;
  readonly windowB: Float64Array;
}

/** Gaussian window exp(−½((i − (L−1)/2)/σ)²) with σ = sigmaFraction·(L−1)/2 (openSMILE's default 0.4). */
export function gaussianWindow(length: number, sigmaFraction = 0.4): Float64Array {
  if (!Number.isInteger(length) || length < 2) throw new RangeError(`gaussianWindow: length ${length} < 2`);
  const centre = (length - 1) / 2;
  const sigma = sigmaFraction * centre;
  const w = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const z = (i - centre) / sigma;
    w[i] = Math.exp(-0.5 * z * z);
  }
  return w;
}

/** Symmetric Hamming window 0.54 − 0.46·cos(2πi/(L−1)). */
export function hammingWindow(length: number): Float64Array {
  if (!Number.isInteger(length) || length < 2) throw new RangeError(`hammingWindow: length ${length} < 2`);
  const w = new Float64Array(length);
  for (let i = 0; i < length; i++) w[i] = 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (length - 1));
  return w;
}

/** Smallest power of two ≥ n. */
export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** Number of complete frames of `length` samples, `hop` apart, in `total` samples (0 if none fits). */
export function frameCount(total: number, length: number, hop: number): number {
  return total < length ? 0 : Math.floor((total - length) / hop) + 1;
}

const plans = new Map<number, FramePlan>();

/** The (cached) frame plan for a sample rate. */
export function framePlan(sampleRateHz: number): FramePlan {
  if (!Number.isFinite(sampleRateHz) || sampleRateHz < 4000) {
    throw new AudioInputError('sample-rate-too-low', `egemaps: sample rate ${sampleRateHz} Hz is below 4000 Hz`);
  }
  let plan = plans.get(sampleRateHz);
  if (plan === undefined) {
    const lengthA = Math.round(0.06 * sampleRateHz);
    const lengthB = Math.round(0.02 * sampleRateHz);
    plan = {
      sampleRateHz,
      hop: Math.round(0.01 * sampleRateHz),
      lengthA, fftA: new Fft(nextPowerOfTwo(lengthA)), windowA: gaussianWindow(lengthA),
      lengthB, fftB: new Fft(nextPowerOfTwo(lengthB)), windowB: hammingWindow(lengthB),
    };
    plans.set(sampleRateHz, plan);
  }
  return plan;
}

/**
 * Windows samples[start .. start+window.length) into the centre of a zeroed FFT buffer (symmetric padding,
 * offset ⌊(N − L)/2⌋) and runs the forward FFT in place on (re, im).
 */
export function windowedSpectrum(
  samples: Float32Array, start: number, window: Float64Array, fft: Fft, re: Float64Array, im: Float64Array,
): void {
  const n = fft.size;
  const length = window.length;
  const offset = (n - length) >> 1;
  re.fill(0);
  im.fill(0);
  for (let i = 0; i < length; i++) re[offset + i] = samples[start + i]! * window[i]!;
  fft.transform(re, im);
}

/**
 * Half spectra (bins 0..N/2) of two windowed frames starting at startA and startB with one complex FFT
 * (the two real frames as real and imaginary parts; Oppenheim & Schafer, Discrete-Time Signal Processing,
 * §9.x "two real DFTs with one complex DFT"). A frame with start < 0 is treated as all zeros.
 */
export function windowedSpectrumPair(
  samples: Float32Array, startA: number, startB: number, window: Float64Array, fft: Fft,
  re: Float64Array, im: Float64Array, out: { reA: Float64Array; imA: Float64Array; reB: Float64Array; imB: Float64Array },
): void {
  const n = fft.size;
  const silentA = !windowInto(samples, startA, window, n, re);
  const silentB = !windowInto(samples, startB, window, n, im);
  fft.transform(re, im);
  const { reA, imA, reB, imB } = out;
  if (silentA && silentB) { for (const a of [reA, imA, reB, imB]) a.fill(0); return; }
  reA[0] = 0.5 * (re[0]! + re[0]!); imA[0] = 0.5 * (im[0]! - im[0]!);
  reB[0] = 0.5 * (im[0]! + im[0]!); imB[0] = -0.5 * (re[0]! - re[0]!);
  for (let k = 1; k <= n / 2; k++) {
    const zr = re[k]!, zi = im[k]!, cr = re[n - k]!, ci = im[n - k]!;
    reA[k] = 0.5 * (zr + cr); imA[k] = 0.5 * (zi - ci);
    reB[k] = 0.5 * (zi + ci); imB[k] = -0.5 * (zr - cr);
  }
  // Digital silence must give an exactly zero spectrum (descriptors special-case it), not rounding residue.
  if (silentA) { reA.fill(0); imA.fill(0); }
  if (silentB) { reB.fill(0); imB.fill(0); }
}

/**
 * Writes samples[start ..)·window into the centre of dst (length n, zeros around it; all zeros when start < 0).
 * Returns whether any windowed sample is non-zero.
 */
function windowInto(samples: Float32Array, start: number, window: Float64Array, n: number, dst: Float64Array): boolean {
  if (start < 0) { dst.fill(0); return false; }
  const length = window.length, offset = (n - length) >> 1;
  dst.fill(0, 0, offset);
  dst.fill(0, offset + length);
  let nonZero = false;
  for (let i = 0; i < length; i++) {
    const v = samples[start + i]! * window[i]!;
    dst[offset + i] = v;
    if (v !== 0) nonZero = true;
  }
  return nonZero;
}
