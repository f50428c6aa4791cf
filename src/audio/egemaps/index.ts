// eGeMAPSv02 (Eyben et al. 2016) as computed by openSMILE 3.0.2: 25 frame-level descriptors and 88 functionals,
// implemented from the written description in docs/egemaps.md.
import { frameCount, framePlan } from './frames.js';
import { computeStreamB } from './stream-b.js';
import { computeStreamA } from './stream-a.js';
import { assembleLlds } from './lld.js';
import { egemapsFunctionals, endOfInputBlock } from './functionals.js';
import { equivalentSoundLevel } from './equivalent-sound-level.js';
import { EGEMAPS_LLD_NAMES } from './names.js';

export { EGEMAPS_FUNCTIONAL_NAMES, EGEMAPS_LLD_NAMES } from './names.js';

/** Options of computeEgemaps. */
export interface EgemapsOptions {
  /** Also return the 25 smoothed frame-level descriptors (default false). */
  lld?: boolean;
}

/** Frame-level output: one row of 25 values (EGEMAPS_LLD_NAMES order) every 10 ms. */
export interface EgemapsLld {
  names: string[];
  frames: Float64Array[];
}

/** Result of computeEgemaps: the 88 functionals, or null with a reason when the clip is too short. */
export interface EgemapsResult {
  functionals: Float64Array | null;
  reason?: string;
  lld?: EgemapsLld;
}

/** Reason given for clips shorter than one 60 ms frame. */
export const TOO_SHORT_REASON = 'shorter than one 60 ms frame';

/** Computes eGeMAPSv02 of mono samples in [−1, 1] at their own sample rate. */
export function computeEgemaps(samples: Float32Array, sampleRateHz: number, options: EgemapsOptions = {}): EgemapsResult {
  if (!(samples instanceof Float32Array)) throw new TypeError('computeEgemaps: samples must be a Float32Array');
  const plan = framePlan(sampleRateHz);
  const framesA = frameCount(samples.length, plan.lengthA, plan.hop);
  if (framesA === 0) {
    const result: EgemapsResult = { functionals: null, reason: TOO_SHORT_REASON };
    if (options.lld === true) result.lld = { names: [...EGEMAPS_LLD_NAMES], frames: [] };
    return result;
  }
  const framesB = frameCount(samples.length, plan.lengthB, plan.hop);
  const streamB = computeStreamB(samples, plan, framesB);
  const streamA = computeStreamA(samples, plan, framesA, streamB);
  const functionals = egemapsFunctionals({ a: streamA, b: streamB, voicedFrames: streamA.f0ReleasedFrames });
  functionals[functionals.length - 1] = equivalentSoundLevel(samples, framesB, plan.lengthB, plan.hop);
  const result: EgemapsResult = { functionals };
  if (options.lld === true) {
    const llds = assembleLlds(streamA, streamB, framesA + 1, endOfInputBlock(streamA.f0ReleasedFrames, framesA));
    const frames: Float64Array[] = [];
    for (let t = 0; t < llds.rows; t++) frames.push(Float64Array.from(llds.columns, (c) => c[t]!));
    result.lld = { names: [...EGEMAPS_LLD_NAMES], frames };
  }
  return result;
}
