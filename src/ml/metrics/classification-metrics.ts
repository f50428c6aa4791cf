// All classification metrics of a probabilistic classifier in one plain object (the research pipeline's evaluation).
import type { Matrix } from '../matrix.js';
import { averagePrecision } from './average-precision.js';
import { expectedCalibrationError } from './calibration.js';
import { accuracy, balancedAccuracy, confusionMatrix } from './confusion-matrix.js';
import { argmaxRows, checkClassIndices, checkProba, type ClassIndices } from './labels.js';
import { logLoss } from './log-loss.js';
import { precisionRecallF1, type ClassScores } from './precision-recall-f1.js';

export interface ClassificationMetrics {
  readonly accuracy: number;
  /** Unweighted average recall = sklearn balanced_accuracy_score. */
  readonly uar: number;
  readonly macroPrecision: number;
  readonly macroRecall: number;
  readonly macroF1: number;
  readonly weightedF1: number;
  /** sklearn log_loss (eps = float64 machine epsilon, rows renormalised). */
  readonly logLoss: number;
  /** Macro mean of one-vs-rest average precision over all probability columns. */
  readonly macroPrAuc: number;
  /** Expected calibration error of the top-class confidence, 10 bins. */
  readonly ece: number;
  /** Rows = true class, columns = predicted class, over all probability columns. */
  readonly confusionMatrix: number[][];
  /** Per class (over the classes present in truth or prediction, as sklearn): scores and one-vs-rest PR-AUC. */
  readonly perClass: readonly (ClassScores & { readonly prAuc: number })[];
}

export interface ClassificationMetricsOptions {
  /** dtype the probabilities had for sklearn's log loss (see LogLossOptions.dtype); default 'float64'. */
  probaDtype?: 'float64' | 'float32';
}

/** Computes every metric from true class indices and class probabilities (prediction = arg-max). */
export function classificationMetrics(
  yTrue: ClassIndices,
  proba: Matrix,
  options: ClassificationMetricsOptions = {},
): ClassificationMetrics {
  checkClassIndices('classificationMetrics', yTrue);
  checkProba('classificationMetrics', proba, yTrue.length);
  const yPred = argmaxRows(proba);
  const prf = precisionRecallF1(yTrue, yPred);
  const k = proba.cols;
  const prAuc = new Float64Array(k);
  const pos = new Array<boolean>(proba.rows);
  const scores = new Float64Array(proba.rows);
  for (let c = 0; c < k; c++) {
    for (let r = 0; r < proba.rows; r++) {
      pos[r] = yTrue[r] === c;
      scores[r] = proba.data[r * k + c] ?? 0;
    }
    prAuc[c] = averagePrecision(pos, scores);
  }
  return {
    accuracy: accuracy(yTrue, yPred),
    uar: balancedAccuracy(yTrue, yPred),
    macroPrecision: prf.macro.precision,
    macroRecall: prf.macro.recall,
    macroF1: prf.macro.f1,
    weightedF1: prf.weighted.f1,
    logLoss: logLoss(yTrue, proba, { dtype: options.probaDtype ?? 'float64' }),
    macroPrAuc: prAuc.reduce((a, b) => a + b, 0) / k,
    ece: expectedCalibrationError(yTrue, proba),
    confusionMatrix: confusionMatrix(yTrue, yPred, { nClasses: Math.max(k, maxOf(yTrue) + 1) }),
    perClass: prf.perClass.map((row) => ({ ...row, prAuc: prAuc[row.label] ?? 0 })),
  };
}

function maxOf(y: ClassIndices): number {
  let m = -1;
  for (let i = 0; i < y.length; i++) m = Math.max(m, y[i] ?? -1);
  return m;
}
