// Tree-structured Parzen Estimator sampler (Bergstra et al., 2011) with Optuna 3.x's defaults, single- and
// multi-objective (MOTPE split and hypervolume-contribution weights, Ozaki et al., 2020).
import { Rng } from '../../util/random.js';
import { ParzenEstimator, type ParzenOptions } from './parzen-estimator.js';
import { sampleAllUniform, type Sampler, type SamplerTrial } from './sampler.js';
import { fromInternal, internalDomain, toInternal, type Params, type ParamSpec, type SearchSpace } from './space.js';
import { defaultGamma, defaultWeights, multiObjectiveBelowWeights, splitPrunedTrials, splitTrials, type SplitResult } from './split.js';

export interface TpeSamplerOptions {
  /** Seed; default 0. Trial t draws from stream t, so a resumed study samples as an uninterrupted one. */
  seed?: number;
  /** Trials sampled uniformly at random before TPE starts; default 10. */
  nStartupTrials?: number;
  /** Candidates drawn from l(x) per proposal; the best l(x)/g(x) wins; default 48 (Optuna: 24). */
  nEiCandidates?: number;
  /** Number of "below" trials out of n finished; default min(ceil(0.1·n), 25). */
  gamma?: (n: number) => number;
  /** Kernel weights for n observations in trial order; default ones, linearly ramped beyond the newest 25. */
  weights?: (n: number) => Float64Array;
  /** Prior kernel weight; default 1. */
  priorWeight?: number;
  /** σ lower clip (Optuna's magic clip); default true. */
  considerMagicClip?: boolean;
  /** The clip is range / min(100, 1 + scale·#kernels); default 1.5 (Optuna: 1). */
  magicClipScale?: number;
  /** Default false. */
  considerEndpoints?: boolean;
  /** Model all parameters jointly with one kernel index per observation (Optuna multivariate=True); default true. */
  multivariate?: boolean;
  /** Kernel widths: 'neighbour' (Optuna's univariate rule, per dimension) or 'scott' (Optuna's multivariate rule); default 'neighbour'. */
  bandwidth?: 'neighbour' | 'scott';
}

/**
 * The options that make tpeSampler behave as optuna.samplers.TPESampler 3.x with its defaults (independent
 * per-parameter estimators, 24 candidates, magic clip scale 1). Our defaults differ: see docs/ml-core.md.
 */
export const OPTUNA_TPE_DEFAULTS: Readonly<TpeSamplerOptions> = Object.freeze({
  nStartupTrials: 10,
  nEiCandidates: 24,
  magicClipScale: 1,
  multivariate: false,
  bandwidth: 'neighbour',
});

/** A TPE sampler; see TpeSamplerOptions for the defaults and OPTUNA_TPE_DEFAULTS for Optuna's own. */
export function tpeSampler(options: TpeSamplerOptions = {}): Sampler {
  const seed = options.seed ?? 0;
  const nStartup = options.nStartupTrials ?? 10;
  const nCandidates = options.nEiCandidates ?? 48;
  const gamma = options.gamma ?? defaultGamma;
  const weights = options.weights ?? defaultWeights;
  if (!Number.isInteger(nStartup) || nStartup < 0) throw new RangeError('tpeSampler: nStartupTrials must be ≥ 0');
  if (!Number.isInteger(nCandidates) || nCandidates < 1) throw new RangeError('tpeSampler: nEiCandidates must be ≥ 1');
  const parzen: ParzenOptions = {
    priorWeight: options.priorWeight ?? 1,
    magicClip: options.considerMagicClip ?? true,
    magicClipScale: options.magicClipScale ?? 1.5,
    considerEndpoints: options.considerEndpoints ?? false,
    multivariate: options.multivariate ?? true,
    bandwidth: options.bandwidth ?? 'neighbour',
  };
  if (!(parzen.magicClipScale > 0)) throw new RangeError('tpeSampler: magicClipScale must be > 0');
  return {
    name: parzen.multivariate ? 'tpe-multivariate' : 'tpe',
    independentBelow: nStartup,
    sample(space: SearchSpace, history: readonly SamplerTrial[], trialNumber: number): Params {
      const rng = new Rng(seed, trialNumber);
      if (history.length < nStartup || history.length === 0) return sampleAllUniform(space, rng);
      const groups = { gamma, weights, parzen, nCandidates };
      const names = Object.keys(space);
      const out: Params = {};
      if (parzen.multivariate) {
        Object.assign(out, proposeJoint(space, names, history, rng, groups));
      } else {
        for (const name of names) Object.assign(out, proposeJoint(space, [name], history, rng, groups));
      }
      return out;
    },
  };
}

interface Settings {
  gamma: (n: number) => number;
  weights: (n: number) => Float64Array;
  parzen: ParzenOptions;
  nCandidates: number;
}

/** Proposes values for `names` jointly from the trials that have all of them. */
function proposeJoint(space: SearchSpace, names: string[], history: readonly SamplerTrial[], rng: Rng, s: Settings): Params {
  const specs = names.map((n) => space[n] as ParamSpec);
  const trials = history.filter((t) => specs.every((p, i) => toInternal(p, t.params[names[i] ?? '']) !== undefined));
  const domains = specs.map(internalDomain);
  const fixed = domains.every((d) => (d.categorical ? d.nChoices === 1 : d.high === d.low));
  if (trials.length === 0 || fixed) return sampleAllUniform(Object.fromEntries(names.map((n, i) => [n, specs[i] as ParamSpec])), rng);
  const { below, above } = splitFinished(trials, s.gamma(trials.length));
  const obs = (idx: number[]) =>
    specs.map((p, d) => Float64Array.from(idx, (i) => toInternal(p, trials[i]?.params[names[d] ?? '']) ?? 0));
  const multiObjective = (trials.find((t) => t.state !== 'pruned')?.losses.length ?? 1) > 1;
  const belowWeights = multiObjective ? belowWeightsMultiObjective(trials, below) : s.weights(below.length);
  const lower = new ParzenEstimator(domains, obs(below), belowWeights, s.parzen);
  const upper = new ParzenEstimator(domains, obs(above), s.weights(above.length), s.parzen);
  const candidates = lower.sample(rng, s.nCandidates);
  const score = lower.logPdf(candidates);
  const g = upper.logPdf(candidates);
  let best = 0;
  for (let c = 1; c < s.nCandidates; c++) {
    if ((score[c] ?? 0) - (g[c] ?? 0) > (score[best] ?? 0) - (g[best] ?? 0)) best = c;
  }
  const out: Params = {};
  names.forEach((n, d) => {
    out[n] = fromInternal(specs[d] as ParamSpec, candidates[d]?.[best] ?? 0);
  });
  return out;
}

/**
 * Optuna's TPE split with pruned trials (`_split_trials`): the nBelow best complete trials go below; when fewer
 * complete trials exist, the best pruned ones fill the rest (see splitPrunedTrials). Indices into `trials`, ascending.
 */
function splitFinished(trials: readonly SamplerTrial[], nBelow: number): SplitResult {
  const complete: number[] = [];
  const pruned: number[] = [];
  trials.forEach((t, i) => (t.state === 'pruned' ? pruned : complete).push(i));
  const c = splitTrials(complete.map((i) => trials[i]!.losses), nBelow);
  if (pruned.length === 0) return c; // complete = 0..n−1: the indices are already those of `trials`
  const p = splitPrunedTrials(pruned.map((i) => trials[i]!.intermediate ?? []), nBelow - c.below.length);
  const ascending = (a: number, b: number): number => a - b;
  return {
    below: [...c.below.map((j) => complete[j]!), ...p.below.map((j) => pruned[j]!)].sort(ascending),
    above: [...c.above.map((j) => complete[j]!), ...p.above.map((j) => pruned[j]!)].sort(ascending),
  };
}

/**
 * MOTPE below weights: hypervolume contributions of the complete below trials; a pruned trial below (only when
 * complete ones are too few) has no values and weighs 1, as every below trial does in Optuna 4's MOTPE.
 */
function belowWeightsMultiObjective(trials: readonly SamplerTrial[], below: readonly number[]): Float64Array {
  const complete = below.filter((i) => trials[i]!.state !== 'pruned');
  const contributions = multiObjectiveBelowWeights(complete.map((i) => trials[i]!.losses));
  if (complete.length === below.length) return contributions;
  const weights = new Float64Array(below.length).fill(1);
  let next = 0;
  below.forEach((i, k) => {
    if (trials[i]!.state !== 'pruned') weights[k] = contributions[next++]!;
  });
  return weights;
}