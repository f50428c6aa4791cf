// Shared input checks for the metrics: class-index vectors and probability matrices.
import type { Matrix } from '../matrix.js';

/** Class indices as accepted by the metrics: non-negative integers. */
export type ClassIndices = Int32Array | Uint32Array | Uint8Array | Uint16Array | readonly number[];

/** Throws unless `y` holds non-negative integer class indices. */
export function checkClassIndices(name: string, y: ClassIndices): void {
  for (let i = 0; i < y.length; i++) {
    const v = y[i] ?? -1;
    if (!Number.isInteger(v) || v < 0) {
      throw new RangeError(`${name}: class indices must be non-negative integers, got ${v} at ${i}`);
    }
  }
}

/** Throws unless two label vectors have the same non-zero length. */
export function checkSameLength(fn: string, yTrue: ClassIndices, yPred: ClassIndices): void {
  if (yTrue.length !== yPred.length) {
    throw new RangeError(`${fn}: yTrue has ${yTrue.length} samples but yPred has ${yPred.length}`);
  }
  if (yTrue.length === 0) throw new RangeError(`${fn}: no samples`);
  checkClassIndices(fn, yTrue);
  checkClassIndices(fn, yPred);
}

/** Number of classes: `nClasses` when given (checked), else 1 + the largest index seen (sklearn's unique_labels). */
export function resolveClassCount(fn: string, nClasses: number | undefined, ...ys: ClassIndices[]): number {
  let max = -1;
  for (const y of ys) for (let i = 0; i < y.length; i++) max = Math.max(max, y[i] ?? -1);
  if (nClasses === undefined) return max + 1;
  if (!Number.isInteger(nClasses) || nClasses <= max) {
    throw new RangeError(`${fn}: nClasses ${nClasses} does not cover class index ${max}`);
  }
  return nClasses;
}

/** Throws unless `proba` has one row per sample and every entry is a finite number. */
export function checkProba(fn: string, proba: Matrix, nSamples: number): void {
  if (proba.rows !== nSamples) {
    throw new RangeError(`${fn}: proba has ${proba.rows} rows but there are ${nSamples} samples`);
  }
  if (proba.cols < 2) throw new RangeError(`${fn}: proba needs at least 2 class columns`);
  for (let i = 0; i < proba.data.length; i++) {
    if (!Number.isFinite(proba.data[i])) throw new RangeError(`${fn}: proba has a non-finite value at ${i}`);
  }
}

/** Predicted class per row: the arg-max column (first on ties, as numpy.argmax). */
export function argmaxRows(proba: Matrix): Int32Array {
  const out = new Int32Array(proba.rows);
  for (let r = 0; r < proba.rows; r++) {
    let best = 0;
    let bestV = -Infinity;
    for (let c = 0; c < proba.cols; c++) {
      const v = proba.data[r * proba.cols + c] ?? -Infinity;
      if (v > bestV) {
        bestV = v;
        best = c;
      }
    }
    out[r] = best;
  }
  return out;
}
