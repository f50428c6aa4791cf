// The study's preprocessing before XGBoost: median imputation fitted on train, labels encoded alphabetically over
// the study's label set, SMOTE on train only (k from params; a class too small for k gets a smaller k, logged).
// The imputer and encoder fitted here are what a bundle saves beside the model. Mismatched tables or a label
// outside the label set throw InputError.
import { InputError } from '../util/input-error.js';
import { LabelEncoder, MedianImputer, smote } from '../ml/index.js';
import type { Matrix } from '../ml/matrix.js';

/** A labelled feature table: column names, one label per row, rows × columns (NaN where missing). */
export interface LabelledFeatures {
  readonly columns: string[];
  readonly labels: readonly string[];
  readonly x: Matrix;
}

export interface PreparedData {
  readonly columns: string[];
  readonly imputer: MedianImputer;
  readonly encoder: LabelEncoder;
  /** Imputed training rows before SMOTE (the training distribution, for drift references). */
  readonly trainImputed: Matrix;
  /** Imputed and SMOTE-balanced training rows and labels. */
  readonly train: { x: Matrix; y: Int32Array };
  readonly valid: { x: Matrix; y: Int32Array };
}

/** Fits imputer and encoder on train, imputes train and valid, balances train with SMOTE; logs warnings. */
export function prepareTrainingData(
  train: LabelledFeatures,
  valid: LabelledFeatures,
  labels: readonly string[],
  options: { smoteK: number; seed: number; log: (line: string) => void },
): PreparedData {
  if (train.columns.join('\u0000') !== valid.columns.join('\u0000')) throw new InputError('bad-training-data', 'train and valid feature tables have different columns');
  const encoder = LabelEncoder.fit([...labels]);
  const encode = (table: LabelledFeatures, split: string): Int32Array => {
    const unknown = table.labels.find((l) => !encoder.classes.includes(l));
    if (unknown !== undefined) throw new InputError('bad-training-data', `${split}: label '${unknown}' is not one of validate.labels in params.yaml`);
    return encoder.transform(table.labels);
  };
  const fitted = MedianImputer.fit(train.x);
  for (const warning of fitted.warnings) options.log(`imputer: ${warning}`);
  const imputer = fitted.imputer;
  const trainImputed = imputer.transform(train.x);
  const balanced = smote(trainImputed, encode(train, 'train'), {
    kNeighbors: options.smoteK,
    seed: options.seed,
    onWarning: (warning: string) => options.log(`smote: ${warning}`),
  });
  return {
    columns: train.columns,
    imputer,
    encoder,
    trainImputed,
    train: { x: balanced.x, y: balanced.y },
    valid: { x: imputer.transform(valid.x), y: encode(valid, 'valid') },
  };
}
