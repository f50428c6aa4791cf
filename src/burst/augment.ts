// Training-split augmentation (specs/burst-study.md): with probability 0.5 roll the segment circularly by up to
// ±10 % of its length; with probability 0.5 add Gaussian noise of σ 0.005. Seeded through the caller's Rng.
import type { Rng } from '../util/random.js';

export interface AugmentOptions {
  /** Default 0.5. */
  readonly rollProbability?: number;
  /** Largest shift as a fraction of the length. Default 0.1. */
  readonly rollFraction?: number;
  /** Default 0.5. */
  readonly noiseProbability?: number;
  /** Default 0.005. */
  readonly noiseSigma?: number;
}

/** A new, augmented copy of `segment` (the input is not modified). */
export function augmentSegment(segment: Float32Array, rng: Rng, options: AugmentOptions = {}): Float32Array {
  const n = segment.length;
  let out = segment.slice();
  if (rng.chance(options.rollProbability ?? 0.5)) {
    const reach = Math.floor(n * (options.rollFraction ?? 0.1));
    const shift = ((rng.int(-reach, reach) % n) + n) % n;
    if (shift !== 0) {
      const rolled = new Float32Array(n);
      rolled.set(out.subarray(n - shift), 0);
      rolled.set(out.subarray(0, n - shift), shift);
      out = rolled;
    }
  }
  if (rng.chance(options.noiseProbability ?? 0.5)) {
    const sigma = options.noiseSigma ?? 0.005;
    for (let i = 0; i < n; i++) out[i] = out[i]! + rng.normal(0, sigma);
  }
  return out;
}
