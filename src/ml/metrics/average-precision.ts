// Average precision (area under the step-wise precision–recall curve) as sklearn.metrics.average_precision_score.
import type { Matrix } from '../matrix.js';
import { checkClassIndices, checkProba, type ClassIndices } from './labels.js';

/**
 * Binary average precision: Σ (R_n − R_{n−1}) · P_n over distinct score thresholds in decreasing order
 * (scikit-learn 1.2, no interpolation; tied scores form one threshold). 0 when there is no positive sample.
 */
export function averagePrecision(isPositive: ArrayLike<boolean>, scores: ArrayLike<number>): number {
  const n = scores.length;
  if (isPositive.length !== n) throw new RangeError('averagePrecision: labels and scores differ in length');
  if (n === 0) throw new RangeError('averagePrecision: no samples');
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b);
  let totalPos = 0;
  for (let i = 0; i < n; i++) if (isPositive[i]) totalPos++;
  if (totalPos === 0) return 0;
  let tp = 0;
  let prevRecall = 0;
  let ap = 0;
  for (let i = 0; i < n; i++) {
    const idx = order[i] ?? 0;
    if (isPositive[idx]) tp++;
    const next = order[i + 1];
    const lastOfThreshold = next === undefined || scores[next] !== scores[idx];
    if (!lastOfThreshold) continue;
    const recall = tp / totalPos;
    const precision = tp / (i + 1);
    ap += (recall - prevRecall) * precision;
    prevRecall = recall;
  }
  return ap;
}

export interface OneVsRestPrAuc {
  /** Average precision of each class against the rest, by class index. */
  readonly perClass: Float64Array;
  /** Unweighted mean over classes (sklearn average='macro' on the binarised labels). */
  readonly macro: number;
}

/** One-vs-rest PR-AUC (average precision) per probability column and its macro mean. */
export function oneVsRestPrAuc(yTrue: ClassIndices, proba: Matrix): OneVsRestPrAuc {
  checkClassIndices('oneVsRestPrAuc', yTrue);
  checkProba('oneVsRestPrAuc', proba, yTrue.length);
  const k = proba.cols;
  const perClass = new Float64Array(k);
  const scores = new Float64Array(proba.rows);
  const pos = new Array<boolean>(proba.rows);
  for (let c = 0; c < k; c++) {
    for (let r = 0; r < proba.rows; r++) {
      scores[r] = proba.data[r * k + c] ?? 0;
      pos[r] = yTrue[r] === c;
    }
    perClass[c] = averagePrecision(pos, scores);
  }
  let sum = 0;
  for (const v of perClass) sum += v;
  return { perClass, macro: sum / k };
}
