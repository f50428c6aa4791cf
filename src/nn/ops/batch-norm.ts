// BatchNorm2d over channels-last rows [m, c] (PyTorch semantics: eps 1e-5, momentum 0.1; training normalises
// with the biased batch variance and folds the unbiased one into the running variance).

/** Batch-norm settings. */
export const BN_EPS = 1e-5;
export const BN_MOMENTUM = 0.1;

/** Training forward: normalises x [m, c] in place into x̂ at `xhat`, writes γx̂ + β to `out`, returns 1/σ per
 * channel, and updates the running statistics at `runMean`/`runVar`. */
export function batchNormTrain(f: Float32Array, x: number, m: number, c: number, gamma: number, beta: number, runMean: number, runVar: number, xhat: number, out: number): Float64Array {
  const mean = new Float64Array(c);
  const varSum = new Float64Array(c);
  for (let r = 0, p = x; r < m; r++, p += c) for (let j = 0; j < c; j++) mean[j] = (mean[j] as number) + (f[p + j] as number);
  for (let j = 0; j < c; j++) mean[j] = (mean[j] as number) / m;
  for (let r = 0, p = x; r < m; r++, p += c) {
    for (let j = 0; j < c; j++) {
      const d = (f[p + j] as number) - (mean[j] as number);
      varSum[j] = (varSum[j] as number) + d * d;
    }
  }
  const invStd = new Float64Array(c);
  for (let j = 0; j < c; j++) {
    const variance = (varSum[j] as number) / m;
    invStd[j] = 1 / Math.sqrt(variance + BN_EPS);
    f[runMean + j] = (1 - BN_MOMENTUM) * (f[runMean + j] as number) + BN_MOMENTUM * (mean[j] as number);
    const unbiased = m > 1 ? (varSum[j] as number) / (m - 1) : variance;
    f[runVar + j] = (1 - BN_MOMENTUM) * (f[runVar + j] as number) + BN_MOMENTUM * unbiased;
  }
  for (let r = 0, p = 0; r < m; r++, p += c) {
    for (let j = 0; j < c; j++) {
      const h = ((f[x + p + j] as number) - (mean[j] as number)) * (invStd[j] as number);
      f[xhat + p + j] = h;
      f[out + p + j] = (f[gamma + j] as number) * Math.fround(h) + (f[beta + j] as number);
    }
  }
  return invStd;
}

/** Evaluation forward with the running statistics: out = γ(x − μ)/√(σ² + ε) + β over rows [m, c]. */
export function batchNormEval(f: Float32Array, x: number, m: number, c: number, gamma: number, beta: number, runMean: number, runVar: number, out: number): void {
  const scale = new Float64Array(c);
  const shift = new Float64Array(c);
  for (let j = 0; j < c; j++) {
    scale[j] = (f[gamma + j] as number) / Math.sqrt((f[runVar + j] as number) + BN_EPS);
    shift[j] = (f[beta + j] as number) - (f[runMean + j] as number) * (scale[j] as number);
  }
  for (let r = 0, p = 0; r < m; r++, p += c) {
    for (let j = 0; j < c; j++) f[out + p + j] = (f[x + p + j] as number) * (scale[j] as number) + (shift[j] as number);
  }
}

/** Training backward: from dy [m, c] (at `dy`, overwritten by dx) and x̂, accumulates dγ, dβ into the gradient
 * slots and writes dx = γ/σ · (dy − mean(dy) − x̂·mean(dy·x̂)). */
export function batchNormBackward(f: Float32Array, dy: number, xhat: number, m: number, c: number, gamma: number, invStd: Float64Array, dGamma: number, dBeta: number): void {
  const sumDy = new Float64Array(c);
  const sumDyX = new Float64Array(c);
  for (let r = 0, p = 0; r < m; r++, p += c) {
    for (let j = 0; j < c; j++) {
      const g = f[dy + p + j] as number;
      sumDy[j] = (sumDy[j] as number) + g;
      sumDyX[j] = (sumDyX[j] as number) + g * (f[xhat + p + j] as number);
    }
  }
  const k1 = new Float64Array(c);
  const meanDy = new Float64Array(c);
  const meanDyX = new Float64Array(c);
  for (let j = 0; j < c; j++) {
    f[dGamma + j] = sumDyX[j] as number;
    f[dBeta + j] = sumDy[j] as number;
    k1[j] = (f[gamma + j] as number) * (invStd[j] as number);
    meanDy[j] = (sumDy[j] as number) / m;
    meanDyX[j] = (sumDyX[j] as number) / m;
  }
  for (let r = 0, p = 0; r < m; r++, p += c) {
    for (let j = 0; j < c; j++) {
      const g = f[dy + p + j] as number;
      f[dy + p + j] = (k1[j] as number) * (g - (meanDy[j] as number) - (f[xhat + p + j] as number) * (meanDyX[j] as number));
    }
  }
}
