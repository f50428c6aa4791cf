// The zod schema of XGBoost-style training parameters (XGBoost's names and the scikit-learn aliases), with the
// ranges: the one definition of what each parameter accepts. parseGbdtParams checks every value against it (so a
// configuration file checked with it at its boundary — a study's params.yaml, a search space — fails the same way
// before any training starts) and converts the record to typed GbdtParams.
import { z } from 'zod';

const number = z.number().refine(Number.isFinite, 'must be a finite number');
const nonNegative = number.refine((v) => v >= 0, 'must be ≥ 0');
const unit = number.refine((v) => v > 0 && v <= 1, 'must be in (0, 1]');
const intAtLeast = (min: number) => z.number().int(`must be an integer ≥ ${min}`).min(min, `must be an integer ≥ ${min}`);
const eta = number.refine((v) => v >= 0 && v <= 1, 'must be in [0, 1]');

/** Every parameter parseGbdtParams accepts, each optional; unknown names are refused. */
export const gbdtParamsSchema = z.strictObject({
  objective: z.enum(['multi:softprob', 'binary:logistic']),
  num_class: intAtLeast(0),
  eta,
  learning_rate: eta,
  lambda: nonNegative,
  reg_lambda: nonNegative,
  alpha: nonNegative,
  reg_alpha: nonNegative,
  gamma: nonNegative,
  min_split_loss: nonNegative,
  min_child_weight: nonNegative,
  max_depth: intAtLeast(1),
  num_boost_round: intAtLeast(0),
  n_estimators: intAtLeast(0),
  subsample: unit,
  colsample_bytree: unit,
  base_score: number,
  seed: intAtLeast(0),
  random_state: intAtLeast(0),
  tree_method: z.enum(['exact', 'hist', 'auto']),
  max_bin: intAtLeast(2),
  early_stopping_rounds: intAtLeast(0),
  backend: z.enum(['ts', 'native']),
  max_delta_step: z.literal(0, 'must be 0 (other values are not supported)'),
  nthread: z.unknown(),
  n_jobs: z.unknown(),
  verbosity: z.unknown(),
  silent: z.unknown(),
  eval_metric: z.unknown(),
  disable_default_eval_metric: z.unknown(),
  validate_parameters: z.unknown(),
}).partial();

/** A training parameter's name. */
export type GbdtParamName = keyof typeof gbdtParamsSchema.shape;
