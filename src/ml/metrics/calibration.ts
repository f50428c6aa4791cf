// Expected calibration error of the top-class confidence (Guo et al., 2017, "On Calibration of Modern Neural Networks").
import type { Matrix } from '../matrix.js';
import { argmaxRows, checkClassIndices, checkProba, type ClassIndices } from './labels.js';

export interface ExpectedCalibrationErrorOptions {
  /** Number of equal-width confidence bins over [0, 1]; default 10. */
  nBins?: number;
}

/**
 * ECE = Σ_b (|B_b| / n) · |accuracy(B_b) − mean confidence(B_b)|, where confidence = max class probability,
 * prediction = its arg-max, and bin b holds confidences in (b/nBins, (b+1)/nBins] (confidence 0 goes to bin 0).
 */
export function expectedCalibrationError(
  yTrue: ClassIndices,
  proba: Matrix,
  options: ExpectedCalibrationErrorOptions = {},
): number {
  const nBins = options.nBins ?? 10;
  if (!Number.isInteger(nBins) || nBins < 1) throw new RangeError(`expectedCalibrationError: nBins ${nBins}`);
  if (yTrue.length === 0) throw new RangeError('expectedCalibrationError: no samples');
  checkClassIndices('expectedCalibrationError', yTrue);
  checkProba('expectedCalibrationError', proba, yTrue.length);
  const pred = argmaxRows(proba);
  const count = new Float64Array(nBins);
  const hits = new Float64Array(nBins);
  const conf = new Float64Array(nBins);
  for (let r = 0; r < proba.rows; r++) {
    const c = proba.data[r * proba.cols + (pred[r] ?? 0)] ?? 0;
    const b = Math.min(nBins - 1, Math.max(0, Math.ceil(c * nBins) - 1));
    count[b] = (count[b] ?? 0) + 1;
    conf[b] = (conf[b] ?? 0) + c;
    if (pred[r] === yTrue[r]) hits[b] = (hits[b] ?? 0) + 1;
  }
  let ece = 0;
  for (let b = 0; b < nBins; b++) {
    const n = count[b] ?? 0;
    if (n > 0) ece += (n / proba.rows) * Math.abs((hits[b] ?? 0) / n - (conf[b] ?? 0) / n);
  }
  return ece;
}
