// Training parameters: XGBoost's own names plus the scikit-learn aliases, validated with XGBoost's ranges (as
// gbdtParamsSchema states them).
import { MlInputError } from '../ml-input-error.js';
import type { z } from 'zod';
import { gbdtParamsSchema } from './params-schema.js';

/** Objectives supported by this implementation. */
export type GbdtObjective = 'multi:softprob' | 'binary:logistic';

/** Validated training parameters (camelCase), with XGBoost 1.7's defaults. */
export interface GbdtParams {
  /** Default 'multi:softprob' when numClass ≥ 2 is given, else 'binary:logistic'. */
  objective: GbdtObjective;
  /** Number of classes (≥ 2 for multi:softprob; 1 for binary:logistic). */
  numClass: number;
  /** Learning rate `eta` / `learning_rate`, in [0, 1]. Default 0.3. */
  eta: number;
  /** L2 regularisation `lambda` / `reg_lambda`, ≥ 0. Default 1. */
  lambda: number;
  /** L1 regularisation `alpha` / `reg_alpha`, ≥ 0. Default 0. */
  alpha: number;
  /** Minimum loss reduction to keep a split, `gamma` / `min_split_loss`, ≥ 0. Default 0. */
  gamma: number;
  /** Minimum hessian sum of a child, ≥ 0. Default 1. */
  minChildWeight: number;
  /** Maximum tree depth, ≥ 1 (0 is not supported by depth-wise growth). Default 6. */
  maxDepth: number;
  /** Boosting rounds `num_boost_round` / `n_estimators`. Default 10 (xgboost.train's default). */
  numBoostRound: number;
  /** Row subsampling ratio per tree, in (0, 1]. Default 1. */
  subsample: number;
  /** Column subsampling ratio per tree, in (0, 1]. Default 1. */
  colsampleBytree: number;
  /** Initial prediction (a probability for binary:logistic, a margin for multi:softprob). Default 0.5. */
  baseScore: number;
  /** Seed of row and column sampling. Default 0. */
  seed: number;
  /** 'exact' (sorted columns, all split points) or 'hist' (quantile bins); 'auto' means exact. Default 'exact'. */
  treeMethod: 'exact' | 'hist';
  /** Bins per feature for 'hist', ≥ 2. Default 256. */
  maxBin: number;
  /** Stop when the validation mlogloss has not improved for this many rounds; 0 = never. Default 0. */
  earlyStoppingRounds: number;
  /** 'ts' (this library, default) or 'native' (libxgboost through koffi, when installed). */
  backend: 'ts' | 'native';
}

const ALIASES: Readonly<Record<string, string>> = {
  learning_rate: 'eta',
  reg_lambda: 'lambda',
  reg_alpha: 'alpha',
  min_split_loss: 'gamma',
  n_estimators: 'num_boost_round',
  random_state: 'seed',
};

/** Accepted but without effect here (threads, logging, metric choice is fixed to the objective's). */
const IGNORED = new Set(['nthread', 'n_jobs', 'verbosity', 'silent', 'eval_metric', 'disable_default_eval_metric', 'validate_parameters']);

/** Converts an XGBoost-style parameter record into validated `GbdtParams`; unknown names and bad values throw. */
export function parseGbdtParams(raw: Readonly<Record<string, unknown>>): GbdtParams {
  const values = new Map<string, unknown>();
  for (const [key, value] of Object.entries(raw)) {
    const name = ALIASES[key] ?? key;
    if (values.has(name)) throw new MlInputError('bad-params', `params: '${key}' duplicates another name of '${name}'`);
    values.set(name, value);
  }
  const take = (name: string): unknown => {
    const v = values.get(name);
    values.delete(name);
    return v;
  };
  const num = (name: string, fallback: number, ok: (v: number) => boolean = () => true, range = ''): number => {
    const v = take(name);
    if (v === undefined) return fallback;
    const x = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new MlInputError('bad-params', `params: '${name}' must be a number, got ${JSON.stringify(v)}`);
    const checked = (gbdtParamsSchema.shape as Record<string, z.ZodType | undefined>)[name]?.safeParse(x);
    if (checked?.success === false) throw new MlInputError('bad-params', `params: '${name}' ${checked.error.issues[0]?.message ?? 'is out of range'}, got ${x}`);
    if (!ok(x)) throw new MlInputError('bad-params', `params: '${name}' must be ${range}, got ${x}`);
    return x;
  };
  const int = (name: string, fallback: number): number => num(name, fallback);

  const objRaw = take('objective');
  const numClass = int('num_class', 0);
  let objective: GbdtObjective;
  if (objRaw === undefined) objective = numClass >= 2 ? 'multi:softprob' : 'binary:logistic';
  else if (objRaw === 'multi:softprob' || objRaw === 'binary:logistic') objective = objRaw;
  else throw new MlInputError('bad-params', `params: objective must be 'multi:softprob' or 'binary:logistic', got ${JSON.stringify(objRaw)}`);
  if (objective === 'multi:softprob' && numClass < 2) throw new MlInputError('bad-params', `params: multi:softprob needs num_class ≥ 2`);
  if (objective === 'binary:logistic' && numClass > 1) throw new MlInputError('bad-params', `params: binary:logistic takes no num_class > 1`);

  const methodRaw = take('tree_method') ?? 'exact';
  if (methodRaw !== 'exact' && methodRaw !== 'hist' && methodRaw !== 'auto') {
    throw new MlInputError('bad-params', `params: tree_method must be 'exact', 'hist' or 'auto', got ${JSON.stringify(methodRaw)}`);
  }
  const backendRaw = take('backend') ?? 'ts';
  if (backendRaw !== 'ts' && backendRaw !== 'native') throw new MlInputError('bad-params', `params: backend must be 'ts' or 'native', got ${JSON.stringify(backendRaw)}`);
  const baseScore = num('base_score', 0.5, (v) => (objective === 'binary:logistic' ? v > 0 && v < 1 : true), 'in (0, 1) for binary:logistic');
  const params: GbdtParams = {
    objective,
    numClass: objective === 'binary:logistic' ? 1 : numClass,
    eta: num('eta', 0.3),
    lambda: num('lambda', 1),
    alpha: num('alpha', 0),
    gamma: num('gamma', 0),
    minChildWeight: num('min_child_weight', 1),
    maxDepth: int('max_depth', 6),
    numBoostRound: int('num_boost_round', 10),
    subsample: num('subsample', 1),
    colsampleBytree: num('colsample_bytree', 1),
    baseScore,
    seed: int('seed', 0),
    treeMethod: methodRaw === 'hist' ? 'hist' : 'exact',
    maxBin: int('max_bin', 256),
    earlyStoppingRounds: int('early_stopping_rounds', 0),
    backend: backendRaw,
  };
  num('max_delta_step', 0);
  for (const name of [...values.keys()]) if (IGNORED.has(name)) values.delete(name);
  const unknown = [...values.keys()];
  if (unknown.length > 0) throw new MlInputError('bad-params', `params: unknown parameter(s) ${unknown.map((u) => `'${u}'`).join(', ')}`);
  return params;
}
