// Per-class precision, recall, F1 and their macro / weighted averages (sklearn.metrics.precision_recall_fscore_support).
import { checkSameLength, resolveClassCount, type ClassIndices } from './labels.js';

export interface ClassScores {
  /** Class index (or its name when the caller maps it). */
  readonly label: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Number of true samples of this class. */
  readonly support: number;
}

export interface AveragedScores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

export interface PrecisionRecallF1 {
  readonly perClass: readonly ClassScores[];
  /** Unweighted mean over the classes (sklearn average='macro'). */
  readonly macro: AveragedScores;
  /** Mean weighted by support (sklearn average='weighted'). */
  readonly weighted: AveragedScores;
}

export interface PrecisionRecallF1Options {
  /**
   * Number of classes; when given every class 0..nClasses−1 is scored even if absent.
   * Default: the classes that occur in yTrue or yPred (sklearn's unique_labels).
   */
  nClasses?: number;
  /** Value used when a ratio has a zero denominator; default 0 (sklearn zero_division="warn" → 0). */
  zeroDivision?: number;
}

/** Precision, recall and F1 per class with macro and weighted averages, exactly as scikit-learn 1.2. */
export function precisionRecallF1(
  yTrue: ClassIndices,
  yPred: ClassIndices,
  options: PrecisionRecallF1Options = {},
): PrecisionRecallF1 {
  checkSameLength('precisionRecallF1', yTrue, yPred);
  const zd = options.zeroDivision ?? 0;
  const k = resolveClassCount('precisionRecallF1', options.nClasses, yTrue, yPred);
  const tp = new Float64Array(k);
  const predCount = new Float64Array(k);
  const trueCount = new Float64Array(k);
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i] ?? 0;
    const p = yPred[i] ?? 0;
    trueCount[t] = (trueCount[t] ?? 0) + 1;
    predCount[p] = (predCount[p] ?? 0) + 1;
    if (t === p) tp[t] = (tp[t] ?? 0) + 1;
  }
  const perClass: ClassScores[] = [];
  for (let c = 0; c < k; c++) {
    const support = trueCount[c] ?? 0;
    const predicted = predCount[c] ?? 0;
    if (options.nClasses === undefined && support === 0 && predicted === 0) continue;
    const hits = tp[c] ?? 0;
    const precision = predicted > 0 ? hits / predicted : zd;
    const recall = support > 0 ? hits / support : zd;
    // sklearn 1.2 computes F1 from precision and recall; 0 when both are 0.
    const denom = precision + recall;
    const f1 = denom > 0 ? (2 * precision * recall) / denom : zd;
    perClass.push({ label: c, precision, recall, f1, support });
  }
  return { perClass, macro: average(perClass, false), weighted: average(perClass, true) };
}

function average(rows: readonly ClassScores[], weighted: boolean): AveragedScores {
  let p = 0;
  let r = 0;
  let f = 0;
  let wsum = 0;
  let support = 0;
  for (const row of rows) {
    const w = weighted ? row.support : 1;
    p += w * row.precision;
    r += w * row.recall;
    f += w * row.f1;
    wsum += w;
    support += row.support;
  }
  if (wsum === 0) return { precision: 0, recall: 0, f1: 0, support };
  return { precision: p / wsum, recall: r / wsum, f1: f / wsum, support };
}
