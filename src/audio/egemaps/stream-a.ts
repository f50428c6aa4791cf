// Stream A of eGeMAPS: 60 ms Gaussian frames → F0 (SHS + Viterbi), jitter, shimmer, HNR, harmonic levels
// (docs/egemaps.md).
import type { FramePlan } from './frames.js';
import { windowedSpectrumPair } from './frames.js';
import type { StreamB } from './stream-b.js';
import type { ShsPlan } from './pitch-shs.js';
import { CANDIDATES, shsCandidates, shsPlan, shsScratch, subharmonicSum } from './pitch-shs.js';
import { viterbiF0 } from './viterbi.js';
import { harmonicLevels, harmonicScratch } from './harmonics.js';
import { hnrDb } from './hnr.js';
import type { PeriodState } from './jitter-shimmer.js';
import { jitterShimmer, periodState } from './jitter-shimmer.js';

/** Raw per-frame stream-A descriptors. */
export interface StreamA {
  readonly frames: number;
  readonly f0Hz: Float64Array;
  /** F0 frames released by the Viterbi smoother before end-of-input (what openSMILE's functionals see). */
  readonly f0ReleasedFrames: number;
  readonly jitter: Float64Array;
  readonly shimmer: Float64Array;
  readonly hnr: Float64Array;
  readonly h1h2: Float64Array;
  readonly h1a3: Float64Array;
  /** F1..F3 amplitude relative to H0 (dB); −201 in unvoiced frames. */
  readonly formantAmplitude: readonly Float64Array[];
}

/**
 * A frame whose windowed RMS is not above this (both in single precision) is unvoiced. openSMILE applies this gate
 * to the smoothed F0, after the Viterbi pass has seen every frame's candidates.
 */
const SILENCE_RMS = Math.fround(0.001);

const shsPlans = new Map<number, ShsPlan>();

/** The cached SHS plan of a frame plan. */
function cachedShsPlan(plan: FramePlan): ShsPlan {
  let p = shsPlans.get(plan.sampleRateHz);
  if (p === undefined) {
    p = shsPlan(plan.fftA.size, plan.sampleRateHz);
    shsPlans.set(plan.sampleRateHz, p);
  }
  return p;
}

/** Magnitude spectra of all stream-A frames, frame-major (bins per frame = fftA/2+1), and their windowed RMS. */
function spectraA(samples: Float32Array, plan: FramePlan, frames: number): { mag: Float64Array; rms: Float64Array } {
  const n = plan.fftA.size, bins = n / 2 + 1;
  const re = new Float64Array(n), im = new Float64Array(n);
  const pair = { reA: new Float64Array(bins), imA: new Float64Array(bins), reB: new Float64Array(bins), imB: new Float64Array(bins) };
  const mag = new Float64Array(frames * bins), rms = new Float64Array(frames);
  for (let t = 0; t < frames; t++) {
    let s = 0;
    for (let i = 0; i < plan.lengthA; i++) {
      const v = samples[t * plan.hop + i]! * plan.windowA[i]!;
      s += v * v;
    }
    rms[t] = Math.sqrt(s / plan.lengthA);
  }
  for (let t = 0; t < frames; t += 2) {
    const second = t + 1 < frames;
    windowedSpectrumPair(samples, t * plan.hop, second ? (t + 1) * plan.hop : -1, plan.windowA, plan.fftA, re, im, pair);
    for (let k = 0; k < bins; k++) {
      mag[t * bins + k] = Math.sqrt(pair.reA[k]! * pair.reA[k]! + pair.imA[k]! * pair.imA[k]!);
      if (second) mag[(t + 1) * bins + k] = Math.sqrt(pair.reB[k]! * pair.reB[k]! + pair.imB[k]! * pair.imB[k]!);
    }
  }
  return { mag, rms };
}

/** Writes the power spectrum of one frame's magnitude spectrum, mirrored to N points, into `dst`. */
function mirroredPower(mag: Float64Array, n: number, dst: Float64Array): void {
  for (let k = 0; k <= n / 2; k++) {
    const p = mag[k]! * mag[k]!;
    dst[k] = p;
    if (k > 0 && k < n / 2) dst[n - k] = p;
  }
}

/**
 * HNR of every voiced frame, from the absolute autocorrelation. The autocorrelations (inverse FFTs of the even, real power spectra) of two voiced
 * frames come from one complex inverse FFT: the first as its real part, the second as its imaginary part.
 */
function hnrAll(mag: Float64Array, f0Hz: Float64Array, plan: FramePlan, frames: number, hnr: Float64Array): void {
  const n = plan.fftA.size, bins = n / 2 + 1;
  const re = new Float64Array(n), im = new Float64Array(n);
  const acfA = new Float64Array(bins), acfB = new Float64Array(bins);
  let t = 0;
  while (t < frames) {
    while (t < frames && !(f0Hz[t]! > 0)) t++;
    if (t >= frames) break;
    let u = t + 1;
    while (u < frames && !(f0Hz[u]! > 0)) u++;
    mirroredPower(mag.subarray(t * bins, (t + 1) * bins), n, re);
    if (u < frames) mirroredPower(mag.subarray(u * bins, (u + 1) * bins), n, im);
    else im.fill(0);
    plan.fftA.transform(re, im, true);
    for (let k = 0; k < bins; k++) { acfA[k] = Math.abs(re[k]!); acfB[k] = Math.abs(im[k]!); }
    hnr[t] = hnrDb(acfA, plan.sampleRateHz, f0Hz[t]!);
    if (u < frames) hnr[u] = hnrDb(acfB, plan.sampleRateHz, f0Hz[u]!);
    t = u + 1;
  }
}

/** Computes stream A for `frames` frames; formant frequencies of stream B feed the harmonic amplitudes. */
export function computeStreamA(samples: Float32Array, plan: FramePlan, frames: number, b: StreamB): StreamA {
  const n = plan.fftA.size, bins = n / 2 + 1;
  const { mag, rms } = spectraA(samples, plan, frames);
  const sp = cachedShsPlan(plan), sc = shsScratch(sp);
  const freq = new Float64Array(frames * CANDIDATES), prob = new Float64Array(frames * CANDIDATES);
  for (let t = 0; t < frames; t++) {
    subharmonicSum(mag.subarray(t * bins, (t + 1) * bins), sp, sc);
    shsCandidates(sp, sc, freq.subarray(t * CANDIDATES, (t + 1) * CANDIDATES), prob.subarray(t * CANDIDATES, (t + 1) * CANDIDATES));
  }
  const trace = { releasedFrames: frames };
  const f0Hz = viterbiF0(freq, prob, frames, trace);
  for (let t = 0; t < frames; t++) if (!(Math.fround(rms[t]!) > SILENCE_RMS)) f0Hz[t] = 0;
  const col = (): Float64Array => new Float64Array(frames);
  const out: StreamA = {
    frames, f0Hz, f0ReleasedFrames: trace.releasedFrames, jitter: col(), shimmer: col(), hnr: col(), h1h2: col(), h1a3: col(),
    formantAmplitude: [col(), col(), col()],
  };
  hnrAll(mag, f0Hz, plan, frames, out.hnr);
  const hs = harmonicScratch();
  const periods: PeriodState = periodState();
  const binHz = plan.sampleRateHz / n;
  const formantHz = [0, 0, 0];
  for (let t = 0; t < frames; t++) {
    const f0 = f0Hz[t]!;
    const frameMag = mag.subarray(t * bins, (t + 1) * bins);
    for (let i = 0; i < 3; i++) formantHz[i] = t < b.frames ? b.formantHz[i]![t]! : 0;
    const h = harmonicLevels(frameMag, binHz, f0, formantHz, hs);
    out.h1h2[t] = h.h1h2;
    out.h1a3[t] = h.h1a3;
    for (let i = 0; i < 3; i++) out.formantAmplitude[i]![t] = h.formantAmplitude[i]!;
    const [jit, shim] = jitterShimmer(samples, plan.hop, plan.lengthA, f0, plan.sampleRateHz, periods);
    out.jitter[t] = jit;
    out.shimmer[t] = shim;
  }
  return out;
}
