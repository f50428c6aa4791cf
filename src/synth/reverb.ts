// Room reverberation: a few early reflections plus a Schroeder late reverberator (four parallel feedback combs,
// two series all-passes), mixed at a given direct-to-reverberant ratio.
//
// Schroeder, "Natural sounding artificial reverberation", J. Audio Eng. Soc. 10 (1962): comb gains
// g = 10^(-3 d / RT60) for a loop delay d give the requested reverberation time. A recursive design keeps the
// cost at a few operations per sample, so every clip can afford its child's room.
import type { Rng } from '../util/random.js';

export interface ReverbOptions {
  /** Reverberation time in seconds (> 0). */
  readonly rt60Sec: number;
  /** Direct-to-reverberant energy ratio in dB; default 6. */
  readonly directToReverbDb?: number;
  /** Sample rate in Hz; default 16000. */
  readonly sampleRateHz?: number;
}

const COMB_MS = [29.7, 37.1, 41.1, 43.7];
const ALLPASS = [[5.0, 0.7], [1.7, 0.7]] as const;

/** Returns `x` with room reverberation added; the output keeps the input's length (the tail is cut, as in a chunk). */
export function reverberate(x: Float32Array, rng: Rng, options: ReverbOptions): Float32Array {
  const { rt60Sec } = options;
  if (!(rt60Sec > 0)) throw new RangeError(`reverberate: rt60Sec must be > 0, got ${rt60Sec}`);
  const fs = options.sampleRateHz ?? 16000;
  const n = x.length;
  const wet = new Float32Array(n);
  const scale = rng.uniform(0.8, 1.25);
  for (const ms of COMB_MS) {
    const d = Math.max(1, Math.round((ms * scale * fs) / 1000));
    const g = Math.pow(10, (-3 * d) / (fs * rt60Sec));
    const buf = new Float32Array(d);
    let p = 0;
    for (let i = 0; i < n; i++) {
      const y = (buf[p] as number);
      buf[p] = (x[i] as number) + g * y;
      p = p + 1 === d ? 0 : p + 1;
      wet[i] = (wet[i] as number) + y;
    }
  }
  for (const [ms, g] of ALLPASS) allpassInPlace(wet, Math.max(1, Math.round((ms * fs) / 1000)), g);
  addEarlyReflections(x, wet, rng, fs);
  const drr = Math.pow(10, -(options.directToReverbDb ?? 6) / 20);
  const k = (drr * energy(x)) / Math.max(1e-12, energy(wet));
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (x[i] as number) + k * (wet[i] as number);
  return out;
}

/** Schroeder all-pass section with delay `d` samples and gain `g`, in place. */
function allpassInPlace(x: Float32Array, d: number, g: number): void {
  const buf = new Float32Array(d);
  let p = 0;
  for (let i = 0; i < x.length; i++) {
    const delayed = buf[p] as number;
    const v = (x[i] as number) + g * delayed;
    buf[p] = v;
    x[i] = delayed - g * v;
    p = p + 1 === d ? 0 : p + 1;
  }
}

/** Adds 4-7 discrete early reflections (3-25 ms, decaying) of `x` into `wet`. */
function addEarlyReflections(x: Float32Array, wet: Float32Array, rng: Rng, fs: number): void {
  const count = rng.int(4, 7);
  const level = Math.sqrt(energy(wet) / Math.max(1e-12, energy(x)));
  for (let r = 0; r < count; r++) {
    const d = Math.round(rng.uniform(0.003, 0.025) * fs);
    const g = level * rng.uniform(0.3, 0.8) * (rng.chance(0.5) ? 1 : -1);
    for (let i = d; i < x.length; i++) wet[i] = (wet[i] as number) + g * (x[i - d] as number);
  }
}

/** Root of the summed squares (energy norm) of a signal. */
function energy(x: Float32Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] as number) * (x[i] as number);
  return Math.sqrt(s);
}
