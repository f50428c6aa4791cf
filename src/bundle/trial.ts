// One tuning trial: fit XGBoost (hist, early stopping on valid mlogloss) with a trial's parameters on the
// balanced training data and score it on valid by UAR (macro recall) and macro F1; and the pool that runs trials in
// parallel worker threads (trial-worker.ts).
import { balancedAccuracy, argmaxRows, parseGbdtParams, precisionRecallF1, prepareHistFeatures, probaFromMargin, trainGbdt, type PreparedFeatures } from '../ml/index.js';
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
}

/** XGBoost params of a trial: the fixed ones, the sampled ones, and the multi-class objective. */
export function trialGbdtParams(data: Pick<TrialData, 'numClass' | 'fixed'>, sampled: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return { objective: 'multi:softprob', num_class: data.numClass, ...data.fixed, ...sampled };
}

/** The trials' training matrix binned once with the search's fixed max_bin (every trial of a search shares it). */
export function prepareTrialFeatures(data: TrialData): PreparedFeatures {
  return prepareHistFeatures(data.train.x, parseGbdtParams(trialGbdtParams(data, {})).maxBin);
}

/** Trains and scores one trial. Deterministic for equal inputs; `prepared`: `prepareTrialFeatures(data)`. */
export function runTrial(data: TrialData, sampled: Readonly<Record<string, unknown>>, prepared?: PreparedFeatures): TrialScore {
  const params = parseGbdtParams(trialGbdtParams(data, sampled));
  const useBins = prepared !== undefined && prepared.maxBin === params.maxBin;
  const { bestIteration, validMargin } = trainGbdt(data.train.x, data.train.y, params, {
    valid: { x: data.valid.x, labels: data.valid.y },
    ...(useBins ? { prepared } : {}),
  });
  const rounds = params.earlyStoppingRounds > 0 ? bestIteration + 1 : params.numBoostRound;
  // the valid margins the training kept are the model's predictions with `rounds` rounds (predictProba's)
  const margin = params.earlyStoppingRounds > 0 ? validMargin!.best : validMargin!.last;
  const proba = probaFromMargin(params.objective, margin, data.numClass);
  const matrix: Matrix = { data: Float64Array.from(proba), rows: data.valid.x.rows, cols: data.numClass };
  const predicted = argmaxRows(matrix);
  return { uar: balancedAccuracy(data.valid.y, predicted), macroF1: precisionRecallF1(data.valid.y, predicted).macro.f1, rounds };
}

/** Starts `size` worker threads that each hold a copy of `data` and run trials (`pool.run(params)`). */
export function startTrialPool(data: TrialData, size: number): Promise<WorkerPool<TrialData, TrialParams, TrialScore>> {
  return WorkerPool.start<TrialData, TrialParams, TrialScore>({ callerUrl: import.meta.url, entry: 'trial-worker', setup: data, size, taskName: 'trial' });
}
