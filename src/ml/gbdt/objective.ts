// Objectives' gradients and output transforms, in float32 like XGBoost 1.7 (src/objective/multiclass_obj.cu,
// regression_loss.h): softmax g = p − y, h = max(2p(1−p), 1e−16); logistic g = p − y, h = max(p(1−p), 1e−16).
import type { GbdtObjective } from './params.js';

const f = Math.fround;
const EPS = f(1e-16);
const FLOAT_MIN = 1.1754943508222875e-38; // std::numeric_limits<float>::min(), XGBoost's initial wmax

/**
 * Writes the gradient pairs of every row for every class into class-major `grad`/`hess` (class k's rows at
 * [k·n, (k+1)·n)), from row-major margins (`margin[i·K + k]`) and integer labels 0..K−1.
 */
export function computeGradients(
  objective: GbdtObjective,
  margin: Float32Array,
  labels: Int32Array,
  numClass: number,
  grad: Float32Array,
  hess: Float32Array,
): void {
  const n = labels.length;
  if (objective === 'binary:logistic') {
    for (let i = 0; i < n; i++) {
      const p = f(1 / (1 + Math.exp(-margin[i]!)));
      grad[i] = f(p - labels[i]!);
      hess[i] = Math.max(f(p * f(1 - p)), EPS);
    }
    return;
  }
  const K = numClass;
  const e = new Float64Array(K); // each exp once (the same float32 values the sum and p use)
  for (let i = 0; i < n; i++) {
    const base = i * K;
    let wmax = FLOAT_MIN;
    for (let k = 0; k < K; k++) wmax = Math.max(margin[base + k]!, wmax);
    let wsum = 0;
    for (let k = 0; k < K; k++) {
      e[k] = f(Math.exp(f(margin[base + k]! - wmax)));
      wsum += e[k]!;
    }
    const wsumF = f(wsum);
    const label = labels[i]!;
    for (let k = 0; k < K; k++) {
      const p = f(e[k]! / wsumF);
      hess[k * n + i] = Math.max(f(f(f(2 * p) * f(1 - p))), EPS);
      grad[k * n + i] = label === k ? f(p - 1) : p;
    }
  }
}

/** Turns row-major margins into probabilities in place (softmax per row, or the logistic function). */
export function transformMargins(objective: GbdtObjective, margin: Float32Array, numClass: number): Float32Array {
  if (objective === 'binary:logistic') {
    for (let i = 0; i < margin.length; i++) margin[i] = f(1 / (1 + Math.exp(-margin[i]!)));
    return margin;
  }
  const rows = margin.length / numClass;
  for (let i = 0; i < rows; i++) {
    const base = i * numClass;
    let wmax = margin[base]!;
    for (let k = 1; k < numClass; k++) wmax = Math.max(margin[base + k]!, wmax);
    let wsum = 0;
    for (let k = 0; k < numClass; k++) {
      const e = f(Math.exp(f(margin[base + k]! - wmax)));
      margin[base + k] = e;
      wsum += e;
    }
    const s = f(wsum);
    for (let k = 0; k < numClass; k++) margin[base + k] = f(margin[base + k]! / s);
  }
  return margin;
}

/** Margin that the base score stands for: logit for binary:logistic, the score itself for softprob. */
export function baseMargin(objective: GbdtObjective, baseScore: number): number {
  return objective === 'binary:logistic' ? f(-Math.log(1 / baseScore - 1)) : f(baseScore);
}

/** Mean negative log-likelihood of probabilities (mlogloss / logloss), clipping p at 1e−16 like XGBoost. */
export function logLoss(objective: GbdtObjective, prob: Float32Array, labels: Int32Array, numClass: number): number {
  const n = labels.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const y = labels[i]!;
    if (objective === 'binary:logistic') {
      const p = Math.min(Math.max(prob[i]!, 1e-16), 1 - 1e-16);
      sum -= y === 1 ? Math.log(p) : Math.log(1 - p);
    } else {
      sum -= Math.log(Math.max(prob[i * numClass + y]!, 1e-16));
    }
  }
  return n === 0 ? 0 : sum / n;
}
