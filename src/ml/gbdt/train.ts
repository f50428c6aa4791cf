// The boosting loop (Friedman 2001; XGBoost's gbtree): per round, gradients from the current margins, one tree
// per class, margins updated tree by tree in float32; optional early stopping on a validation set.
import type { Matrix } from '../matrix.js';
import { sortColumns, toFloat32Features, type SortedColumns } from './data.js';
import { growExactTree } from './exact-grower.js';
import { buildHistIndex, type HistIndex } from './hist-index.js';
import { growHistTree, HistWorkspace } from './hist-grower.js';
import type { GbdtModel } from './model.js';
import { baseMargin, computeGradients, logLoss, transformMargins } from './objective.js';
import type { GbdtParams } from './params.js';
import { pruneTree } from './prune.js';
import { Rng } from '../../util/random.js';
import { sampleColumns, sampleRows } from './sampling.js';
import { boardFits, closeBoard, growRound, openBoard, type RoundBoard } from './round-board.js';
import { splitParams } from './split-gain.js';
import { leafIndex, type RegTree } from './tree.js';

/** Options of `trainGbdt`. */
export interface TrainGbdtOptions {
  /** Validation set for early stopping and the loss history. */
  valid?: { x: Matrix; labels: Int32Array };
  /** Feature names written into the model. Default f0, f1, … */
  featureNames?: readonly string[];
  /** Called after every round with the validation loss (NaN without a validation set); returning true ends
   * training after that round (the model keeps the rounds so far; used by a study's pruner). */
  onRound?: (round: number, validLoss: number) => boolean | void;
  /** The training matrix already binned (`prepareHistFeatures` of this very matrix and max_bin), e.g. shared by
   * every trial of a search instead of binned again for each. */
  prepared?: PreparedFeatures;
  /** A board a helper thread may grow some of each round's trees from (`helpTraining`); the model is the same
   * with or without help. Used by the hist method when laid out for this data (`createRoundBoard`). */
  board?: RoundBoard;
}

/** A training matrix in float32 with its quantile bins: what the hist method needs of it, computed once. */
export interface PreparedFeatures {
  readonly source: Matrix;
  readonly maxBin: number;
  readonly xf: Float32Array;
  readonly hist: HistIndex;
}

/** Converts and bins a training matrix once for any number of `trainGbdt` calls with the same max_bin. */
export function prepareHistFeatures(x: Matrix, maxBin: number): PreparedFeatures {
  const xf = toFloat32Features(x);
  return { source: x, maxBin, xf, hist: buildHistIndex(xf, x.rows, x.cols, { maxBin }) };
}

/** A trained model with its validation history. */
export interface TrainGbdtResult {
  model: GbdtModel;
  /** Round (0-based) with the lowest validation loss, or the last round. */
  bestIteration: number;
  /** Validation loss (mlogloss / logloss) after each round; empty without a validation set. */
  validLoss: number[];
  /** Raw validation margins (row-major rows × groups) after the best and the last round: what `predictMargin`
   * gives with `roundLimit` bestIteration + 1 and with every round, without predicting again. */
  validMargin?: { best: Float32Array; last: Float32Array };
}

/** Checks that labels are integers in 0..numClass−1 (0/1 for binary:logistic). */
export function checkLabels(labels: Int32Array, params: GbdtParams, rows: number): void {
  if (labels.length !== rows) throw new RangeError(`trainGbdt: ${labels.length} labels for ${rows} rows`);
  const k = params.objective === 'binary:logistic' ? 2 : params.numClass;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!;
    if (y < 0 || y >= k) throw new RangeError(`trainGbdt: label ${y} of row ${i} is outside 0..${k - 1}`);
  }
}

/** Trains a gradient-boosted tree ensemble with the TypeScript backend. */
export function trainGbdt(x: Matrix, labels: Int32Array, params: GbdtParams, options: TrainGbdtOptions = {}): TrainGbdtResult {
  checkLabels(labels, params, x.rows);
  const { rows, cols } = x;
  const groups = params.numClass;
  const prepared = options.prepared;
  if (prepared && (prepared.source !== x || prepared.maxBin !== params.maxBin)) {
    throw new RangeError('trainGbdt: the prepared features are of another matrix or max_bin');
  }
  const xf = prepared ? prepared.xf : toFloat32Features(x);
  const sp = splitParams(params);
  const sorted: SortedColumns | null = params.treeMethod === 'exact' ? sortColumns(xf, rows, cols) : null;
  const hist: HistIndex | null = params.treeMethod !== 'hist' ? null : prepared ? prepared.hist : buildHistIndex(xf, rows, cols, { maxBin: params.maxBin });
  const ws = hist ? new HistWorkspace(hist) : null;
  const base = baseMargin(params.objective, params.baseScore);
  const margin = new Float32Array(rows * groups).fill(base);
  const board = hist && options.board && boardFits(options.board, rows, cols, groups) ? options.board : null;
  const grad = board ? board.grad : new Float32Array(rows * groups);
  const hess = board ? board.hess : new Float32Array(rows * groups);
  const valid = options.valid;
  if (valid && valid.x.cols !== cols) throw new RangeError(`trainGbdt: the validation set has ${valid.x.cols} features, not ${cols}`);
  if (valid) checkLabels(valid.labels, params, valid.x.rows);
  const vf = valid ? toFloat32Features(valid.x) : null;
  const vMargin = valid ? new Float32Array(valid.x.rows * groups).fill(base) : null;
  const rng = new Rng(params.seed);
  const trees: RegTree[] = [];
  const treeInfo: number[] = [];
  const validLoss: number[] = [];
  let best = { loss: Infinity, round: -1 };
  const bestMargin = vMargin ? new Float32Array(vMargin.length).fill(base) : null;
  const samples: (Uint8Array | null)[] = new Array(groups).fill(null);
  const featureSets: Int32Array[] = new Array(groups);
  const growLocal = (k: number): RegTree => {
    const g = grad.subarray(k * rows, (k + 1) * rows);
    const h = hess.subarray(k * rows, (k + 1) * rows);
    if (sorted) {
      const builder = growExactTree({ x: xf, rows, cols, sorted, grad: g, hess: h, sample: samples[k]!, features: featureSets[k]! }, sp);
      pruneTree(builder, sp.gamma, sp.eta);
      return builder.finish();
    }
    return growHistTree({ index: hist!, grad: g, hess: h, sample: samples[k]!, features: featureSets[k]! }, sp, ws!).finish();
  };
  if (board) openBoard(board, sp, hist!);
  try {
    for (let round = 0; round < params.numBoostRound; round++) {
      computeGradients(params.objective, margin, labels, groups, grad, hess);
      // every class's row and column sample first, in the order they were always drawn (rows, then columns, per class)
      for (let k = 0; k < groups; k++) {
        samples[k] = params.subsample < 1 ? sampleRows(rng, rows, params.subsample) : null;
        featureSets[k] = sampleColumns(rng, cols, params.colsampleBytree);
        if (board) {
          board.hasSample[k] = samples[k] ? 1 : 0;
          if (samples[k]) board.sample.set(samples[k]!, k * rows);
          board.features.set(featureSets[k]!, k * cols);
          board.featureCount[k] = featureSets[k]!.length;
        }
      }
      const roundTrees = board ? growRound(board, growLocal) : Array.from({ length: groups }, (_, k) => growLocal(k));
      for (let k = 0; k < groups; k++) {
        const tree = roundTrees[k]!;
        trees.push(tree);
        treeInfo.push(k);
        addLeafValues(tree, xf, rows, cols, margin, groups, k);
        if (vf && vMargin) addLeafValues(tree, vf, valid!.x.rows, cols, vMargin, groups, k);
      }
      if (valid && vMargin) {
        const loss = logLoss(params.objective, transformMargins(params.objective, vMargin.slice(), groups), valid.labels, groups);
        validLoss.push(loss);
        if (loss < best.loss) {
          best = { loss, round };
          bestMargin!.set(vMargin);
        }
        if (options.onRound?.(round, loss) === true) break;
        if (params.earlyStoppingRounds > 0 && round - best.round >= params.earlyStoppingRounds) break;
      } else if (options.onRound?.(round, Number.NaN) === true) {
        break;
      }
    }
  } finally {
    if (board) closeBoard(board);
  }
  const rounds = trees.length / groups;
  const bestIteration = valid && best.round >= 0 ? best.round : rounds - 1;
  if (best.round < 0 && vMargin && bestMargin) bestMargin.set(vMargin); // no round improved (NaN losses): the last is the best
  const model: GbdtModel = {
    objective: params.objective,
    numClass: groups,
    numFeature: cols,
    baseScore: params.baseScore,
    trees,
    treeInfo: Int32Array.from(treeInfo),
    featureNames: options.featureNames ? [...options.featureNames] : [],
    attributes: rounds > 0 ? { best_iteration: String(bestIteration), best_ntree_limit: String(bestIteration + 1) } : {},
  };
  return { model, bestIteration, validLoss, ...(vMargin && bestMargin ? { validMargin: { best: bestMargin, last: vMargin } } : {}) };
}

/** Adds a tree's leaf values to group k of row-major margins, in float32. */
function addLeafValues(tree: RegTree, xf: Float32Array, rows: number, cols: number, margin: Float32Array, groups: number, k: number): void {
  const leaf = tree.splitConditions;
  for (let r = 0; r < rows; r++) {
    const at = r * groups + k;
    margin[at] = margin[at]! + leaf[leafIndex(tree, xf, r, cols)]!;
  }
}
