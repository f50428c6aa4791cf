// BatchNorm2d over channels-last rows [m, c] (PyTorch semantics: eps 1e-5, momentum 0.1; training normalises
// with the biased batch variance and folds the unbiased one into the running variance). The conv bias before it
// is folded in: statistics are taken on the bias-free conv output y, the running mean gets mean(y) + bias, and in
// evaluation out = scale·y + (β + scale·(bias − running mean)).
import type { RowOps } from '../kernels/kernels.js';

export const BN_EPS = 1e-5;
export const BN_MOMENTUM = 0.1;

/** Arena float indices of one block's conv bias, γ, β and running statistics. */
export interface BatchNormSlots {
  readonly bias: number;
  readonly gamma: number;
  readonly beta: number;
  readonly mean: number;
  readonly variance: number;
}

interface Backend extends RowOps {
  readonly arena: { readonly f32: Float32Array };
}

/** Training forward over y [m, c] (in place → γx̂ + β), x̂ into `xhat`; updates the running statistics and
 * returns 1/σ per channel. */
export function batchNormTrain(k: Backend, y: number, m: number, c: number, s: BatchNormSlots, xhat: number): Float32Array {
  const sums = k.colSum(y, m, c);
  const mean = new Float64Array(c);
  for (let j = 0; j < c; j++) mean[j] = (sums[j] as number) / m;
  const mean32 = Float32Array.from(mean);
  const sq = k.colSumSqDev(y, m, c, mean32);
  const f = k.arena.f32;
  const invStd = new Float32Array(c);
  for (let j = 0; j < c; j++) {
    const variance = (sq[j] as number) / m;
    invStd[j] = 1 / Math.sqrt(variance + BN_EPS);
    f[s.mean + j] = (1 - BN_MOMENTUM) * (f[s.mean + j] as number) + BN_MOMENTUM * ((mean[j] as number) + (f[s.bias + j] as number));
    const unbiased = m > 1 ? (sq[j] as number) / (m - 1) : variance;
    f[s.variance + j] = (1 - BN_MOMENTUM) * (f[s.variance + j] as number) + BN_MOMENTUM * unbiased;
  }
  k.bnTrain(y, m, c, mean32, invStd, f.slice(s.gamma, s.gamma + c), f.slice(s.beta, s.beta + c), xhat, y);
  return invStd;
}

/** Evaluation scale and shift per channel, from the running statistics and the conv bias. */
export function batchNormEvalParams(f: Float32Array, c: number, s: BatchNormSlots): { scale: Float32Array; shift: Float32Array } {
  const scale = new Float32Array(c);
  const shift = new Float32Array(c);
  for (let j = 0; j < c; j++) {
    const sc = (f[s.gamma + j] as number) / Math.sqrt((f[s.variance + j] as number) + BN_EPS);
    scale[j] = sc;
    shift[j] = (f[s.beta + j] as number) + sc * ((f[s.bias + j] as number) - (f[s.mean + j] as number));
  }
  return { scale, shift };
}

/** Training backward: dy [m, c] (overwritten by dx) and x̂ → dγ, dβ into their gradient slots and
 * dx = γ/σ · (dy − mean(dy) − x̂·mean(dy·x̂)). */
export function batchNormBackward(k: Backend, dy: number, xhat: number, m: number, c: number, gamma: number, invStd: Float32Array, dGamma: number, dBeta: number): void {
  const sumDy = k.colSum(dy, m, c);
  const sumDyX = k.colSumProd(dy, xhat, m, c);
  const f = k.arena.f32;
  const k1 = new Float32Array(c);
  const a = new Float32Array(c);
  const b = new Float32Array(c);
  for (let j = 0; j < c; j++) {
    f[dGamma + j] = sumDyX[j] as number;
    f[dBeta + j] = sumDy[j] as number;
    k1[j] = (f[gamma + j] as number) * (invStd[j] as number);
    a[j] = (sumDy[j] as number) / m;
    b[j] = (sumDyX[j] as number) / m;
  }
  k.bnBack(dy, xhat, m, c, k1, a, b);
}
