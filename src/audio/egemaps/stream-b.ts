// Stream B of eGeMAPS: 20 ms Hamming frames every 10 ms → loudness, spectral shape, MFCC 1–4 and formants
// (spec egemaps.md §2, §3.6–3.9).
import type { FramePlan } from './frames.js';
import { windowedSpectrum } from './frames.js';
import { loudness, loudnessWeights } from './loudness.js';
import type { MelFilterbank } from './mel-filterbank.js';
import { melFilterbank } from './mel-filterbank.js';
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
  readonly bank: MelFilterbank;
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
    const bank = melFilterbank(plan.fftB.size, plan.sampleRateHz);
    p = {
      bank, weights: loudnessWeights(bank), mfcc: mfccMatrix(26, 4),
      shape: spectralShapePlan(plan.fftB.size, plan.sampleRateHz),
      formant: formantPlan(plan.fftB.size, plan.lengthB, plan.sampleRateHz),
    };
    plans.set(plan.sampleRateHz, p);
  }
  return p;
}

/** Computes the stream-B descriptors of the first `frames` frames. */
export function computeStreamB(samples: Float32Array, plan: FramePlan, frames: number): StreamB {
  const bp = streamBPlan(plan);
  const n = plan.fftB.size;
  const re = new Float64Array(n), im = new Float64Array(n);
  const power = new Float64Array(n / 2 + 1);
  const mag = new Float64Array(n / 2 + 1), prevMag = new Float64Array(n / 2 + 1);
  const bands = new Float64Array(26), cep = new Float64Array(4), fm = new Float64Array(6);
  const col = (): Float64Array => new Float64Array(frames);
  const out: StreamB = {
    frames, loudness: col(), alphaRatio: col(), hammarberg: col(), slope0500: col(), slope5001500: col(),
    flux: col(), mfcc: [col(), col(), col(), col()], formantHz: [col(), col(), col()], bandwidthHz: [col(), col(), col()],
  };
  for (let t = 0; t < frames; t++) {
    windowedSpectrum(samples, t * plan.hop, plan.windowB, plan.fftB, re, im);
    for (let k = 0; k <= n / 2; k++) {
      power[k] = re[k]! * re[k]! + im[k]! * im[k]!;
      mag[k] = Math.sqrt(power[k]!);
    }
    out.loudness[t] = loudness(power, bp.bank, bp.weights, bands);
    out.alphaRatio[t] = alphaRatio(power, bp.shape);
    out.hammarberg[t] = hammarbergIndex(power, bp.shape);
    out.slope0500[t] = spectralSlope(power, bp.shape.slopeA, bp.shape.binHz);
    out.slope5001500[t] = spectralSlope(power, bp.shape.slopeB, bp.shape.binHz);
    out.flux[t] = t === 0 ? 0 : spectralFlux(mag, prevMag, bp.shape.fluxBins);
    prevMag.set(mag);
    mfccHtk(power, bp.bank, bp.mfcc, bands, cep);
    for (let i = 0; i < 4; i++) out.mfcc[i]![t] = cep[i]!;
    formants(re, im, bp.formant, fm);
    for (let i = 0; i < 3; i++) {
      out.formantHz[i]![t] = fm[2 * i]!;
      out.bandwidthHz[i]![t] = fm[2 * i + 1]!;
    }
  }
  return out;
}
