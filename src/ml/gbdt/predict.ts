// Batched prediction: float32 margins accumulated tree by tree (XGBoost's CPU predictor order), then softmax.
import { MlInputError } from '../ml-input-error.js';
import type { Matrix } from '../matrix.js';
import { toFloat32Features } from './data.js';
import type { GbdtModel } from './model.js';
import type { GbdtObjective } from './params.js';
import { baseMargin, transformMargins } from './objective.js';
import { leafIndex } from './tree.js';

/** Options of `predictMargin` / `predictProba`. */
export interface PredictOptions {
  /** Use rounds [0, roundLimit) only; default all rounds (XGBoost's Booster.predict default). */
  roundLimit?: number;
}

/** Checks the matrix against the model and returns its float32 features. */
function checkedFeatures(model: GbdtModel, x: Matrix): Float32Array {
  if (x.cols !== model.numFeature) {
    throw new MlInputError('shape-mismatch', `predict: the data has ${x.cols} features, the model expects ${model.numFeature}`);
  }
  return toFloat32Features(x);
}

/** Raw margins, row-major `rows × groups` (groups = numClass, or 1 for binary:logistic). */
export function predictMargin(model: GbdtModel, x: Matrix, options: PredictOptions = {}): Float32Array {
  return predictMarginF32(model, checkedFeatures(model, x), x.rows, options);
}

/** Same as `predictMargin` on features that are already float32 row-major. */
export function predictMarginF32(model: GbdtModel, xf: Float32Array, rows: number, options: PredictOptions = {}): Float32Array {
  const groups = Math.max(1, model.numClass);
  const total = Math.floor(model.trees.length / groups);
  const limit = options.roundLimit === undefined || options.roundLimit <= 0 ? total : Math.min(total, options.roundLimit);
  const margin = new Float32Array(rows * groups).fill(baseMargin(model.objective, model.baseScore));
  const cols = model.numFeature;
  const nTrees = limit * groups;
  for (let t = 0; t < nTrees; t++) addTree(model, t, xf, rows, cols, margin, groups);
  return margin;
}

/** Adds tree t's leaf values to the margins of its group (float32 accumulation). */
export function addTree(model: GbdtModel, t: number, xf: Float32Array, rows: number, cols: number, margin: Float32Array, groups: number): void {
  const tree = model.trees[t]!;
  const g = model.treeInfo[t]!;
  const leaf = tree.splitConditions;
  for (let r = 0; r < rows; r++) {
    const at = r * groups + g;
    margin[at] = margin[at]! + leaf[leafIndex(tree, xf, r, cols)]!;
  }
}

/**
 * Class probabilities, row-major `rows × numClass`; for binary:logistic two columns (1 − p, p) so that
 * every objective yields one column per class.
 */
export function predictProba(model: GbdtModel, x: Matrix, options: PredictOptions = {}): Float32Array {
  return probaFromMargin(model.objective, predictMargin(model, x, options), model.numClass);
}

/** `predictProba`'s probabilities from raw margins (transformed in place; binary:logistic gets two columns). */
export function probaFromMargin(objective: GbdtObjective, margin: Float32Array, numClass: number): Float32Array {
  const p = transformMargins(objective, margin, numClass);
  if (objective !== 'binary:logistic') return p;
  const out = new Float32Array(p.length * 2);
  for (let i = 0; i < p.length; i++) {
    out[2 * i] = Math.fround(1 - p[i]!);
    out[2 * i + 1] = p[i]!;
  }
  return out;
}
