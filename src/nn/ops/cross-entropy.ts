// Weighted cross-entropy (PyTorch's CrossEntropyLoss(weight=w), reduction 'mean'): Σᵢ w[yᵢ]·(−log pᵢ[yᵢ]) / Σᵢ w[yᵢ].

/** Loss and its gradient with respect to the logits [n, classes]. Throws RangeError on a bad label or weight. */
export function weightedCrossEntropy(logits: Float32Array, labels: ArrayLike<number>, classWeights: ArrayLike<number>, classes: number): { loss: number; grad: Float32Array } {
  const n = labels.length;
  if (logits.length !== n * classes) throw new RangeError(`cross-entropy: ${labels.length} labels for ${logits.length / classes} rows of logits`);
  if (classWeights.length !== classes) throw new RangeError(`cross-entropy: ${classWeights.length} class weights for ${classes} classes`);
  const grad = new Float32Array(n * classes);
  const p = new Float64Array(classes);
  let total = 0;
  let weightSum = 0;
  for (let i = 0; i < n; i++) {
    const y = labels[i] as number;
    if (!Number.isInteger(y) || y < 0 || y >= classes) throw new RangeError(`cross-entropy: label ${y} at row ${i} is not a class index in [0, ${classes})`);
    const w = classWeights[y] as number;
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`cross-entropy: class weight ${w} of class ${y} is not a finite non-negative number`);
    let max = -Infinity;
    for (let k = 0; k < classes; k++) max = Math.max(max, logits[i * classes + k] as number);
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += (p[k] = Math.exp((logits[i * classes + k] as number) - max));
    total += w * (Math.log(sum) - ((logits[i * classes + y] as number) - max));
    weightSum += w;
    for (let k = 0; k < classes; k++) grad[i * classes + k] = w * ((p[k] as number) / sum - (k === y ? 1 : 0));
  }
  if (!(weightSum > 0)) throw new RangeError('cross-entropy: the batch has zero total class weight');
  for (let i = 0; i < grad.length; i++) grad[i] = (grad[i] as number) / weightSum;
  return { loss: total / weightSum, grad };
}
