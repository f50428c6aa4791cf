// The study's training run: per-fold models (cv kfold, lofo or none), their validation scores and mean ± std, and
// the final model. With kfold/lofo the final model is trained on all training recordings for the median of the
// folds' best epochs (there is no validation data left to choose one); with none it is the fold model itself.
import type { StateDict } from '../../nn/index.js';
import { deriveSeed } from '../../util/random.js';
import { BURST_CLASSES } from '../classes.js';
import type { Recording } from '../dataset.js';
import { classificationScores } from '../evaluation/scores.js';
import { featureBatch } from '../features.js';
import type { CvMode, StudySplits } from '../splits.js';
import { segmentSet } from './segment-set.js';
import { trainSmallCnn, type EpochLog, type TrainSmallCnnOptions } from './train-small-cnn.js';
import { createSmallCnn } from '../../nn/index.js';

export interface FoldResult {
  readonly fold: number;
  readonly train_recordings: string[];
  readonly val_recordings: string[];
  readonly n_train_segments: number;
  readonly n_val_segments: number;
  readonly best_epoch: number;
  /** Segment-level scores of the kept epoch on the fold's validation recordings. */
  readonly accuracy: number;
  readonly macro_f1: number;
  readonly epochs: EpochLog[];
}

export interface MeanStd {
  readonly mean: number;
  readonly std: number;
}

export interface CrossValidationResult {
  readonly cv: CvMode;
  readonly folds: FoldResult[];
  readonly summary: { accuracy: MeanStd; macro_f1: MeanStd };
  readonly final: { state: StateDict; epochs: number; log: EpochLog[]; trainSegments: number };
}

export type CrossValidateOptions = Omit<TrainSmallCnnOptions, 'onEpoch'> & {
  readonly cv: CvMode;
  readonly lengthSamples: number;
  /** Progress: which model ("fold 2/5", "final") and its epoch log. */
  readonly onEpoch?: (model: string, log: EpochLog) => void;
};

/** Population mean and sample std (n − 1; 0 for one value). */
export function meanStd(values: readonly number[]): MeanStd {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const std = values.length > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1)) : 0;
  return { mean, std };
}

/** Trains every fold, then the final model. */
export async function crossValidate(recordings: readonly Recording[], splits: StudySplits, options: CrossValidateOptions): Promise<CrossValidationResult> {
  const folds: FoldResult[] = [];
  const states: StateDict[] = [];
  for (const fold of splits.folds) {
    const name = splits.folds.length === 1 && options.cv === 'none' ? 'model' : `fold ${fold.index}/${splits.folds.length}`;
    const train = segmentSet(recordings, fold.train, options.lengthSamples);
    const val = segmentSet(recordings, fold.val, options.lengthSamples);
    const trained = await trainSmallCnn(train, val, { ...options, seed: deriveSeed(options.seed, fold.index), onEpoch: (log) => options.onEpoch?.(name, log) });
    const kept = trained.log[trained.bestEpoch - 1]!;
    folds.push({
      fold: fold.index,
      train_recordings: fold.train,
      val_recordings: fold.val,
      n_train_segments: train.samples.length,
      n_val_segments: val.samples.length,
      best_epoch: trained.bestEpoch,
      accuracy: kept.val_accuracy ?? Number.NaN,
      macro_f1: kept.val_macro_f1 ?? Number.NaN,
      epochs: trained.log,
    });
    states.push(trained.state);
  }
  const summary = { accuracy: meanStd(folds.map((f) => f.accuracy)), macro_f1: meanStd(folds.map((f) => f.macro_f1)) };
  if (options.cv === 'none') {
    const only = folds[0]!;
    return { cv: options.cv, folds, summary, final: { state: states[0]!, epochs: only.best_epoch, log: only.epochs, trainSegments: only.n_train_segments } };
  }
  const bestEpochs = folds.map((f) => f.best_epoch).sort((a, b) => a - b);
  const epochs = bestEpochs[Math.floor((bestEpochs.length - 1) / 2)]!;
  const all = segmentSet(recordings, splits.train, options.lengthSamples);
  const final = await trainSmallCnn(all, undefined, { ...options, epochs, onEpoch: (log) => options.onEpoch?.('final', log) });
  return { cv: options.cv, folds, summary, final: { state: final.state, epochs, log: final.log, trainSegments: all.samples.length } };
}

/** Segment-level probabilities of a state on a set (eval mode), for checks and tests. */
export async function predictSegments(state: StateDict, samples: Float32Array[], dropout: number): Promise<{ probabilities: Float32Array; scores: (labels: Int32Array) => ReturnType<typeof classificationScores> }> {
  const model = await createSmallCnn({ state, classes: BURST_CLASSES.length, dropout });
  try {
    const probabilities = model.predictProba(featureBatch(samples));
    return { probabilities, scores: (labels) => classificationScores(labels, probabilities, BURST_CLASSES) };
  } finally {
    await model.close();
  }
}
