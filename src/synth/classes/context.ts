// What every class generator receives and returns.
import type { ChildProfile } from '../child.js';
import type { Rng } from '../../util/random.js';

/** Difficulty and overlap knobs that shape the class generators. */
export interface ClassKnobs {
  /** Canonical CV transition durations (ms), drawn uniformly; default [20, 60]. */
  readonly canonicalTransitionMs: readonly [number, number];
  /** Transition durations (ms) of Non-canonical "marginal" CV-like syllables; default [90, 200]. */
  readonly marginalTransitionMs: readonly [number, number];
  /** Share of Non-canonical clips rendered as marginal CV-like syllables, at most 0.62; default 0.25. */
  readonly nonCanonicalCvShare: number;
  /** Weights of Junk kinds in JUNK_KINDS order. */
  readonly junkMix: readonly number[];
}

export interface ClassContext {
  readonly child: ChildProfile;
  readonly rng: Rng;
  readonly sampleRateHz: number;
  /** Clip length in samples. */
  readonly n: number;
  readonly knobs: ClassKnobs;
}

/** A clip's foreground sound before room, noise and microphone. */
export interface Vocalization {
  /** Foreground samples, length n (zeros outside the event). */
  readonly samples: Float32Array;
  /** Sample range of the event, used for level setting; empty (start = end) for silence. */
  readonly activeStart: number;
  readonly activeEnd: number;
  /** Loudness of this kind of sound relative to the child's usual level (dB). */
  readonly levelOffsetDb: number;
  /** Sub-type, for diagnostics and benches (e.g. "squeal", "hum"). */
  readonly kind: string;
}

export type ClassGenerator = (ctx: ClassContext) => Vocalization;

/** Picks the event span inside the clip: it fills `fill` of the clip (at least `minSamples`), placed at random. */
export function eventSpan(ctx: ClassContext, fillLo: number, fillHi: number, minSamples = 320): [number, number] {
  const len = Math.min(ctx.n, Math.max(Math.min(minSamples, ctx.n), Math.round(ctx.n * ctx.rng.uniform(fillLo, fillHi))));
  const start = ctx.rng.int(0, ctx.n - len);
  return [start, start + len];
}

/** F0 (Hz) at `semitones` from the child's base F0. */
export function childF0(ctx: ClassContext, semitones: number): number {
  return ctx.child.f0BaseHz * Math.pow(2, semitones / 12);
}
