// One tuning trial: fit XGBoost (hist, early stopping on valid mlogloss) with a trial's parameters on the
// balanced training data and score it on valid by UAR (macro recall) and macro F1; and the pool that runs trials in
// parallel worker threads (trial-worker.ts).
import { balancedAccuracy, argmaxRows, parseGbdtParams, precisionRecallF1, prepareHistFeatures, probaFromMargin, PruneTracker, trainGbdt, type PreparedFeatures, type PrunePlan } from '../ml/index.js';
import type { Matrix } from '../ml/matrix.js';
import { WorkerPool } from '../util/worker-pool.js';

/** A trial's sampled XGBoost params. */
export type TrialParams = Readonly<Record<string, unknown>>;

export interface TrialData {
  readonly train: { x: Matrix; y: Int32Array };
  readonly valid: { x: Matrix; y: Int32Array };
  readonly numClass: number;
  /** Fixed XGBoost params (tree_method, max_bin, seed, early_stopping_rounds…). */
  readonly fixed: Readonly<Record<string, number | string>>;
}

export interface TrialScore {
  readonly uar: number;
  readonly macroF1: number;
  /** Boosting rounds kept (early stopping's best iteration + 1). */
  readonly rounds: number;
  /** Valid mlogloss after each round, when asked for (RunTrialOptions.curve or a prune plan). */
  readonly intermediate?: number[];
  /** Stopped by the prune plan: uar and macroF1 are NaN (not scored). */
  readonly pruned?: boolean;
}

/** Options of `runTrial`. */
export interface RunTrialOptions {
  /** Stop training when the plan prunes the trial on its valid mlogloss curve (see src/ml/tpe/pruner.ts). */
  readonly prune?: PrunePlan | null;
  /** Return the valid mlogloss curve; default: only with a prune plan. */
  readonly curve?: boolean;
}

/** A task of the trial pool: the sampled params and the run's options. */
export interface TrialTask {
  readonly params: TrialParams;
  readonly options?: RunTrialOptions;
}

/** XGBoost params of a trial: the fixed ones, the sampled ones, and the multi-class objective. */
export function trialGbdtParams(data: Pick<TrialData, 'numClass' | 'fixed'>, sampled: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return { objective: 'multi:softprob', num_class: data.numClass, ...data.fixed, ...sampled };
}

/** The trials' training matrix binned once with the search's fixed max_bin (every trial of a search shares it). */
export function prepareTrialFeatures(data: TrialData): PreparedFeatures {
  return prepareHistFeatures(data.train.x, parseGbdtParams(trialGbdtParams(data, {})).maxBin);
}

/** Trains and scores one trial (a pruned one is not scored). Deterministic for equal inputs; `prepared`:
 * `prepareTrialFeatures(data)`. */
export function runTrial(data: TrialData, sampled: Readonly<Record<string, unknown>>, prepared?: PreparedFeatures, options: RunTrialOptions = {}): TrialScore {
  const params = parseGbdtParams(trialGbdtParams(data, sampled));
  const useBins = prepared !== undefined && prepared.maxBin === params.maxBin;
  const tracker = options.prune ? new PruneTracker(options.prune) : undefined;
  let pruned = false;
  const onRound = tracker ? (round: number, loss: number): boolean => (pruned = tracker.stopsAfter(round, loss)) : undefined;
  const { bestIteration, validMargin, validLoss } = trainGbdt(data.train.x, data.train.y, params, {
    valid: { x: data.valid.x, labels: data.valid.y },
    ...(useBins ? { prepared } : {}),
    ...(onRound ? { onRound } : {}),
  });
  const curve = options.curve === true || tracker !== undefined ? { intermediate: validLoss } : {};
  if (pruned) return { uar: Number.NaN, macroF1: Number.NaN, rounds: validLoss.length, pruned: true, ...curve };
  const rounds = params.earlyStoppingRounds > 0 ? bestIteration + 1 : params.numBoostRound;
  // the valid margins the training kept are the model's predictions with `rounds` rounds (predictProba's)
  const margin = params.earlyStoppingRounds > 0 ? validMargin!.best : validMargin!.last;
  const proba = probaFromMargin(params.objective, margin, data.numClass);
  const matrix: Matrix = { data: Float64Array.from(proba), rows: data.valid.x.rows, cols: data.numClass };
  const predicted = argmaxRows(matrix);
  return { uar: balancedAccuracy(data.valid.y, predicted), macroF1: precisionRecallF1(data.valid.y, predicted).macro.f1, rounds, ...curve };
}

/** Starts `size` worker threads that each hold a copy of `data` and run trials (`pool.run({ params, options })`). */
export function startTrialPool(data: TrialData, size: number): Promise<WorkerPool<TrialData, TrialTask, TrialScore>> {
  return WorkerPool.start<TrialData, TrialTask, TrialScore>({ callerUrl: import.meta.url, entry: 'trial-worker', setup: data, size, taskName: 'trial' });
}
