// Public API of src/ml/tpe: an Optuna-like study with TPE / random samplers, Pareto tools and a resumable journal.
export {
  validateSpace,
  type CategoricalParam,
  type FloatParam,
  type IntParam,
  type ParamSpec,
  type ParamValue,
  type Params,
  type SearchSpace,
} from './space.js';
export { randomSampler, type RandomSamplerOptions, type Sampler, type SamplerTrial } from './sampler.js';
export { OPTUNA_TPE_DEFAULTS, tpeSampler, type TpeSamplerOptions } from './tpe-sampler.js';
export { defaultGamma, defaultWeights } from './split.js';
export { dominates, hypervolume, hypervolumeContributions, nonDominatedRanks } from './pareto.js';
export { readJournal, type Direction, type JournalEntry } from './journal.js';
export { PruneTracker, type PrunePlan, type PruneScore, type Pruner, type PrunerTrial } from './pruner.js';
export { medianPruner, percentilePruner, percentileOf, type MedianPrunerOptions, type PercentilePrunerOptions } from './percentile-pruner.js';
export { rungThreshold, successiveHalvingPruner, type SuccessiveHalvingPrunerOptions } from './successive-halving-pruner.js';
export {
  Study,
  createStudy,
  type CurveOutcome,
  type FrozenTrial,
  type Objective,
  type ObjectiveResult,
  type OptimizeOptions,
  type StudyOptions,
  type TellValue,
  type Trial,
  type TrialContext,
  type TrialState,
} from './study.js';
