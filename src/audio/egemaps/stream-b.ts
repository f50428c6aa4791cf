// Stream B of eGeMAPS: 20 ms Hamming frames every 10 ms → loudness, spectral shape, MFCC 1–4 and formants
// (docs/egemaps.md).
import type { FramePlan } from './frames.js';
import { windowedSpectrumPair } from './frames.js';
import { loudness, loudnessWeights } from './loudness.js';
import type { HtkMelFilterbank } from './mel-filterbank-htk.js';
import { htkMelFilterbank } from './mel-filterbank-htk.js';
import { mfccHtk, mfccMatrix } from './mfcc-htk.js';
import type { SpectralShapePlan } from './spectral-shape.js';
import { alphaRatio, hammarbergIndex, spectralFlux, spectralShapePlan, spectralSlope } from './spectral-shape.js';
import type { FormantPlan } from './formants.js';
import { formantPlan, formants } from './formants.js';

/** Raw (unsmoothed) per-frame descriptors of stream B, one array per descriptor. */
export interface StreamB {
  readonly frames: number;
  readonly loudness: Float64Array;
  readonly alphaRatio: Float64Array;
  readonly hammarberg: Float64Array;
  readonly slope0500: Float64Array;
  readonly slope5001500: Float64Array;
  readonly flux: Float64Array;
  /** MFCC 1..4, one array each. */
  readonly mfcc: readonly Float64Array[];
  /** F1..F3 frequency and bandwidth, one array each (Hz). */
  readonly formantHz: readonly Float64Array[];
  readonly bandwidthHz: readonly Float64Array[];
}

interface StreamBPlan {
  readonly bank: HtkMelFilterbank;
  readonly weights: Float64Array;
  readonly mfcc: Float64Array;
  readonly shape: SpectralShapePlan;
  readonly formant: FormantPlan;
}

const plans = new Map<number, StreamBPlan>();

/** The cached stream-B plan for a frame plan. */
function streamBPlan(plan: FramePlan): StreamBPlan {
  let p = plans.get(plan.sampleRateHz);
  if (p === undefined) {
    const bank = htkMelFilterbank(plan.fftB.size, plan.sampleRateHz);
    p = {
      bank, weights: loudnessWeights(bank), mfcc: mfccMatrix(26, 4),
      shape: spectralShapePlan(plan.fftB.size, plan.sampleRateHz),
      formant: formantPlan(plan.fftB.size, plan.lengthB, plan.sampleRateHz),
    };
    plans.set(plan.sampleRateHz, p);
  }
  return p;
}

/** Per-call scratch of computeStreamB. */
interface StreamBScratch {
  power: Float64Array; mag: Float64Array; prevMag: Float64Array;
  bands: Float64Array; cep: Float64Array; fm: Float64Array;
}

/** Computes all descriptors of frame t from its half spectrum (re, im). */
function frameDescriptors(bp: StreamBPlan, re: Float64Array, im: Float64Array, t: number, s: StreamBScratch, out: StreamB): void {
  const bins = re.length;
  for (let k = 0; k < bins; k++) {
    const p = re[k]! * re[k]! + im[k]! * im[k]!;
    s.power[k] = p;
    s.mag[k] = Math.sqrt(p);
  }
  out.loudness[t] = loudness(s.power, bp.bank, bp.weights, s.bands);
  out.alphaRatio[t] = alphaRatio(s.power, bp.shape);
  out.hammarberg[t] = hammarbergIndex(s.power, bp.shape);
  out.slope0500[t] = spectralSlope(s.power, bp.shape.slopeA, bp.shape.binHz);
  out.slope5001500[t] = spectralSlope(s.power, bp.shape.slopeB, bp.shape.binHz);
  out.flux[t] = t === 0 ? 0 : spectralFlux(s.mag, s.prevMag, bp.shape.fluxBins);
  s.prevMag.set(s.mag);
  mfccHtk(s.power, bp.bank, bp.mfcc, s.bands, s.cep);
  for (let i = 0; i < 4; i++) out.mfcc[i]![t] = s.cep[i]!;
  formants(re, im, bp.formant, s.fm);
  for (let i = 0; i < 3; i++) {
    out.formantHz[i]![t] = s.fm[2 * i]!;
    out.bandwidthHz[i]![t] = s.fm[2 * i + 1]!;
  }
}

/** Computes the stream-B descriptors of the first `frames` frames (two frames per complex FFT). */
export function computeStreamB(samples: Float32Array, plan: FramePlan, frames: number): StreamB {
  const bp = streamBPlan(plan);
  const n = plan.fftB.size, bins = n / 2 + 1;
  const re = new Float64Array(n), im = new Float64Array(n);
  const pair = { reA: new Float64Array(bins), imA: new Float64Array(bins), reB: new Float64Array(bins), imB: new Float64Array(bins) };
  const scratch: StreamBScratch = {
    power: new Float64Array(bins), mag: new Float64Array(bins), prevMag: new Float64Array(bins),
    bands: new Float64Array(26), cep: new Float64Array(4), fm: new Float64Array(6),
  };
  const col = (): Float64Array => new Float64Array(frames);
  const out: StreamB = {
    frames, loudness: col(), alphaRatio: col(), hammarberg: col(), slope0500: col(), slope5001500: col(),
    flux: col(), mfcc: [col(), col(), col(), col()], formantHz: [col(), col(), col()], bandwidthHz: [col(), col(), col()],
  };
  for (let t = 0; t < frames; t += 2) {
    const second = t + 1 < frames;
    windowedSpectrumPair(samples, t * plan.hop, second ? (t + 1) * plan.hop : -1, plan.windowB, plan.fftB, re, im, pair);
    frameDescriptors(bp, pair.reA, pair.imA, t, scratch, out);
    if (second) frameDescriptors(bp, pair.reB, pair.imB, t + 1, scratch, out);
  }
  return out;
}
