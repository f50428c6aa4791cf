// Confusion matrix and the count-based scores derived from it, as scikit-learn 1.2 defines them.
import { checkSameLength, resolveClassCount, type ClassIndices } from './labels.js';

export interface ConfusionMatrixOptions {
  /** Number of classes (rows/columns); default: 1 + the largest index in yTrue or yPred. */
  nClasses?: number;
}

/** Confusion matrix C[i][j] = number of samples of true class i predicted as j (sklearn.metrics.confusion_matrix). */
export function confusionMatrix(
  yTrue: ClassIndices,
  yPred: ClassIndices,
  options: ConfusionMatrixOptions = {},
): number[][] {
  checkSameLength('confusionMatrix', yTrue, yPred);
  const k = resolveClassCount('confusionMatrix', options.nClasses, yTrue, yPred);
  const cm: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < yTrue.length; i++) {
    const row = cm[yTrue[i] ?? 0];
    if (row) row[yPred[i] ?? 0] = (row[yPred[i] ?? 0] ?? 0) + 1;
  }
  return cm;
}

/** Fraction of samples whose prediction equals the truth (sklearn.metrics.accuracy_score). */
export function accuracy(yTrue: ClassIndices, yPred: ClassIndices): number {
  checkSameLength('accuracy', yTrue, yPred);
  let hits = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hits++;
  return hits / yTrue.length;
}

/**
 * Balanced accuracy = unweighted average recall (UAR) over the classes present in yTrue
 * (sklearn.metrics.balanced_accuracy_score, adjusted=false: classes absent from yTrue are ignored).
 */
export function balancedAccuracy(yTrue: ClassIndices, yPred: ClassIndices): number {
  const cm = confusionMatrix(yTrue, yPred);
  let sum = 0;
  let n = 0;
  cm.forEach((row, i) => {
    const support = row.reduce((a, b) => a + b, 0);
    if (support > 0) {
      sum += (row[i] ?? 0) / support;
      n++;
    }
  });
  return sum / n;
}
