// The sampler interface shared by the study and its samplers, and the uniform random sampler.
import { Rng } from '../../util/random.js';
import { sampleUniform, type Params, type SearchSpace } from './space.js';

/**
 * A finished trial as a sampler sees it: a complete one with its values turned into minimisation (losses), or a
 * pruned one (state 'pruned', empty losses) with its intermediate values (minimised) up to where it stopped.
 */
export interface SamplerTrial {
  readonly number: number;
  readonly params: Params;
  readonly losses: Float64Array;
  /** Default 'complete'. */
  readonly state?: 'complete' | 'pruned';
  readonly intermediate?: readonly number[];
}

/** Proposes parameters for a new trial from the finished trials of a study. */
export interface Sampler {
  readonly name: string;
  /**
   * While the history holds fewer finished (complete or pruned) trials than this, `sample` ignores it (seeded start-up draws), so
   * such trials may start before earlier ones finish. Omitted = every sample may depend on the history.
   */
  readonly independentBelow?: number;
  /** Parameters for trial `trialNumber`; deterministic in (seed, trialNumber, history). */
  sample(space: SearchSpace, history: readonly SamplerTrial[], trialNumber: number): Params;
}

export interface RandomSamplerOptions {
  /** Seed; default 0. Trial t draws from stream t of this seed. */
  seed?: number;
}

/** Independent uniform sampling of every parameter (log-uniform for log params), as Optuna's RandomSampler. */
export function randomSampler(options: RandomSamplerOptions = {}): Sampler {
  const seed = options.seed ?? 0;
  return {
    name: 'random',
    sample(space, _history, trialNumber) {
      return sampleAllUniform(space, new Rng(seed, trialNumber));
    },
  };
}

/** Every parameter drawn uniformly with `rng`, in the space's key order. */
export function sampleAllUniform(space: SearchSpace, rng: Rng): Params {
  const params: Params = {};
  for (const [name, spec] of Object.entries(space)) params[name] = sampleUniform(spec, rng);
  return params;
}
