// Row-wise softmax of logits (max-subtracted, in float64, stored as float32).

/** Softmax of each row of an N × classes matrix. */
export function softmaxRows(logits: Float32Array, classes: number): Float32Array {
  if (!Number.isInteger(classes) || classes <= 0 || logits.length % classes !== 0) {
    throw new RangeError(`softmaxRows: ${logits.length} values are not rows of ${classes} classes`);
  }
  const out = new Float32Array(logits.length);
  for (let r = 0; r < logits.length; r += classes) {
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, logits[r + c] ?? 0);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp((logits[r + c] ?? 0) - max);
    for (let c = 0; c < classes; c++) out[r + c] = Math.exp((logits[r + c] ?? 0) - max) / sum;
  }
  return out;
}
