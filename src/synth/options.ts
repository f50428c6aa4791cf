// All knobs of the demo corpus, with their defaults (also the defaults of params.yaml's `synthesize:` section).
import { DEFAULT_JUNK_MIX } from './classes/junk.js';
import type { ClassKnobs } from './classes/context.js';

export interface SynthOptions {
  /** Master seed; every random choice derives from it. Default 20240501. */
  readonly seed: number;
  /** Number of clips; default 2400 (the study has 10,770). */
  readonly nClips: number;
  /** Number of children; default 48. */
  readonly nChildren: number;
  /** Sample rate in Hz; default 16000 (the study's). */
  readonly sampleRateHz: number;
  /** The two corpus names; default ['home', 'lab']. */
  readonly corpora: readonly [string, string];
  /**
   * Range of per-child SNR centres (dB, background noise against the child's typical vocalization level; louder
   * classes such as cries end up higher). Per-clip SNRs scatter around the centre. Default [-5, 30].
   */
  readonly snrDbRange: readonly [number, number];
  /** SD (dB) of a clip's SNR around its child's centre; default 4. */
  readonly snrClipSpreadDb: number;
  /** Share of clips whose audio is rendered from a confusable class; default 0.07. */
  readonly labelNoise: number;
  /** Share of clips that get their child's room reverberation; default 0.5. */
  readonly reverbShare: number;
  /** Between-child spread of voice, class mix and recording conditions (0 = identical children); default 1. */
  readonly childVariability: number;
  /** Clip durations (s): min, max, fixed-chunk length and share; defaults 0.03, 0.6, 0.4, 0.55. */
  readonly minDurationSec: number;
  readonly maxDurationSec: number;
  readonly chunkSec: number;
  readonly chunkShare: number;
  /** Class-shape knobs (transitions, marginal babbling share, Junk mix). */
  readonly classKnobs: ClassKnobs;
}

/** The defaults, chosen for a moderately hard five-class task. */
export const DEFAULT_SYNTH_OPTIONS: SynthOptions = {
  seed: 20240501,
  nClips: 2400,
  nChildren: 48,
  sampleRateHz: 16000,
  corpora: ['home', 'lab'],
  snrDbRange: [-5, 30],
  snrClipSpreadDb: 4,
  labelNoise: 0.07,
  reverbShare: 0.5,
  childVariability: 1,
  minDurationSec: 0.03,
  maxDurationSec: 0.6,
  chunkSec: 0.4,
  chunkShare: 0.55,
  classKnobs: {
    canonicalTransitionMs: [20, 60],
    marginalTransitionMs: [90, 200],
    nonCanonicalCvShare: 0.25,
    junkMix: [...DEFAULT_JUNK_MIX],
  },
};

/** Defaults overridden by a partial set of options (class knobs merged one level deep). */
export function withDefaults(partial: Partial<Omit<SynthOptions, 'classKnobs'>> & { classKnobs?: Partial<ClassKnobs> } = {}): SynthOptions {
  return {
    ...DEFAULT_SYNTH_OPTIONS,
    ...partial,
    classKnobs: { ...DEFAULT_SYNTH_OPTIONS.classKnobs, ...partial.classKnobs },
  };
}
