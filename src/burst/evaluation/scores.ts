// Classification scores of the burst study's evaluation report (specs/burst-study.md, "Evaluation and gate"):
// per-class precision/recall/F1/support, macro and micro F1, accuracy, ECE over 10 equal-width bins of top-1
// confidence, per-class precision–recall curves and PR AUC (average precision), confusion matrix. The shared
// scikit-learn-compatible metrics of src/ml/metrics do the arithmetic.
import { matrix } from '../../ml/matrix.js';
import { accuracy, averagePrecision, confusionMatrix, expectedCalibrationError, precisionRecallF1 } from '../../ml/metrics/index.js';

export interface ClassScore {
  readonly label: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
  /** Average precision of this class against the rest (area under its step-wise PR curve). */
  readonly pr_auc: number;
}

export interface PrPoint {
  readonly threshold: number;
  readonly precision: number;
  readonly recall: number;
}

export interface ClassificationScores {
  readonly n: number;
  readonly accuracy: number;
  readonly macro_f1: number;
  readonly micro_f1: number;
  readonly ece: number;
  readonly pr_auc_macro: number;
  readonly per_class: ClassScore[];
  /** rows = true class, columns = predicted class. */
  readonly confusion: number[][];
  readonly pr_curves: Record<string, PrPoint[]>;
}

/** Scores of predictions `proba` (n × classes, rows sum to 1) against true class indices. */
export function classificationScores(yTrue: ArrayLike<number>, proba: ArrayLike<number>, classes: readonly string[]): ClassificationScores {
  const k = classes.length;
  const n = yTrue.length;
  if (n === 0) throw new RangeError('classificationScores: no samples');
  if (proba.length !== n * k) throw new RangeError(`classificationScores: ${proba.length} probabilities for ${n} × ${k}`);
  const y = Int32Array.from(yTrue);
  const p = matrix(Float64Array.from(proba), n, k);
  const pred = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (p.data[i * k + c]! > p.data[i * k + best]!) best = c;
    pred[i] = best;
  }
  const prf = precisionRecallF1(y, pred, { nClasses: k });
  const curves: Record<string, PrPoint[]> = {};
  const perClass = classes.map((label, c) => {
    const positive = Array.from(y, (v) => v === c);
    const scores = Float64Array.from({ length: n }, (_, i) => p.data[i * k + c]!);
    curves[label] = prCurve(positive, scores);
    const s = prf.perClass[c]!;
    return { label, precision: s.precision, recall: s.recall, f1: s.f1, support: s.support, pr_auc: averagePrecision(positive, scores) };
  });
  const cm = confusionMatrix(y, pred, { nClasses: k });
  const acc = accuracy(y, pred);
  return {
    n,
    accuracy: acc,
    macro_f1: prf.macro.f1,
    micro_f1: acc, // single-label multi-class: micro precision = micro recall = micro F1 = accuracy
    ece: expectedCalibrationError(y, p, { nBins: 10 }),
    pr_auc_macro: perClass.reduce((sum, c) => sum + c.pr_auc, 0) / k,
    per_class: perClass,
    confusion: cm,
    pr_curves: curves,
  };
}

/** Precision and recall at each distinct score threshold, highest threshold first (sklearn's precision_recall_curve). */
export function prCurve(positive: readonly boolean[], scores: Float64Array): PrPoint[] {
  const order = Array.from(scores.keys()).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const totalPos = positive.filter(Boolean).length;
  const points: PrPoint[] = [];
  let tp = 0;
  order.forEach((idx, i) => {
    if (positive[idx]) tp++;
    const next = order[i + 1];
    if (next !== undefined && scores[next] === scores[idx]) return;
    points.push({ threshold: scores[idx]!, precision: tp / (i + 1), recall: totalPos === 0 ? 0 : tp / totalPos });
  });
  return points;
}
