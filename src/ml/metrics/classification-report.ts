// Text report in the layout of sklearn.metrics.classification_report.
import { accuracy } from './confusion-matrix.js';
import type { ClassIndices } from './labels.js';
import { precisionRecallF1 } from './precision-recall-f1.js';

export interface ClassificationReportOptions {
  /** Display name per class index; default the index itself. */
  targetNames?: readonly string[];
  /** Decimal places; default 2. */
  digits?: number;
}

/**
 * sklearn-style report: per-class precision/recall/f1-score/support, then accuracy, macro avg, weighted avg.
 * Numbers are rounded with Number.toFixed (exact binary value; Python's format agrees except on exact ties).
 */
export function classificationReport(
  yTrue: ClassIndices,
  yPred: ClassIndices,
  options: ClassificationReportOptions = {},
): string {
  const digits = options.digits ?? 2;
  if (!Number.isInteger(digits) || digits < 0) throw new RangeError(`classificationReport: digits ${digits}`);
  const prf = precisionRecallF1(yTrue, yPred);
  const name = (label: number): string => options.targetNames?.[label] ?? String(label);
  const names = prf.perClass.map((r) => name(r.label));
  const width = Math.max('weighted avg'.length, digits, ...names.map((n) => n.length));
  const num = (v: number): string => v.toFixed(digits).padStart(9);
  const head = (s: string): string => s.padStart(width);
  let out = `${head('')}  ${['precision', 'recall', 'f1-score', 'support'].map((h) => h.padStart(9)).join(' ')}\n\n`;
  prf.perClass.forEach((r, i) => {
    out += `${head(names[i] ?? '')}  ${num(r.precision)} ${num(r.recall)} ${num(r.f1)} ${String(r.support).padStart(9)}\n`;
  });
  out += '\n';
  const total = prf.macro.support;
  out += `${head('accuracy')}  ${''.padStart(9)} ${''.padStart(9)} ${num(accuracy(yTrue, yPred))} ${String(total).padStart(9)}\n`;
  for (const [label, avg] of [['macro avg', prf.macro], ['weighted avg', prf.weighted]] as const) {
    out += `${head(label)}  ${num(avg.precision)} ${num(avg.recall)} ${num(avg.f1)} ${String(total).padStart(9)}\n`;
  }
  return out;
}
