// Class weights as an alternative to oversampling (sklearn.utils.class_weight.compute_class_weight("balanced")).

export interface BalancedClassWeightsOptions {
  /** Number of classes; default 1 + the largest index. Absent classes get weight 0. */
  nClasses?: number;
}

/** Weight per class = n_samples / (n_present_classes · count_c) (sklearn "balanced"); 0 for absent classes. */
export function balancedClassWeights(y: ArrayLike<number>, options: BalancedClassWeightsOptions = {}): Float64Array {
  if (y.length === 0) throw new RangeError('balancedClassWeights: no samples');
  let max = -1;
  for (let i = 0; i < y.length; i++) {
    const v = y[i] ?? -1;
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`balancedClassWeights: bad class index ${v}`);
    max = Math.max(max, v);
  }
  const k = options.nClasses ?? max + 1;
  if (k <= max) throw new RangeError(`balancedClassWeights: nClasses ${k} does not cover class ${max}`);
  const counts = new Float64Array(k);
  for (let i = 0; i < y.length; i++) counts[y[i] ?? 0] = (counts[y[i] ?? 0] ?? 0) + 1;
  const present = counts.reduce((n, c) => n + (c > 0 ? 1 : 0), 0);
  return counts.map((c) => (c > 0 ? y.length / (present * c) : 0));
}

/** Per-sample weights from per-class weights (for a weighted training objective). */
export function sampleWeightsFromClassWeights(y: ArrayLike<number>, classWeights: Float64Array): Float64Array {
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const w = classWeights[y[i] ?? -1];
    if (w === undefined) throw new RangeError(`sampleWeightsFromClassWeights: no weight for class ${y[i]}`);
    out[i] = w;
  }
  return out;
}
