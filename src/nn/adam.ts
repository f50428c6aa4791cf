// Adam (Kingma & Ba 2015) as torch.optim.Adam computes it (no weight decay, no amsgrad):
// m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g², p ← p − (lr/(1−β1ᵗ)) · m / (√v/√(1−β2ᵗ) + ε).
import type { AdamOptions } from './api.js';

/** Resolved Adam settings. */
export interface AdamSettings {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
}

/** Fills defaults (lr 1e-3, betas 0.9/0.999, eps 1e-8) and checks ranges. */
export function adamSettings(options: AdamOptions = {}): AdamSettings {
  const lr = options.lr ?? 1e-3;
  const [beta1, beta2] = options.betas ?? [0.9, 0.999];
  const eps = options.eps ?? 1e-8;
  if (!(lr > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps >= 0)) {
    throw new RangeError(`adam: need lr > 0, betas in [0, 1), eps ≥ 0; got lr ${lr}, betas ${beta1}/${beta2}, eps ${eps}`);
  }
  return { lr, beta1, beta2, eps };
}

/** One Adam step `t` (1-based) over `count` floats: parameters at p, gradients at g, moments at m and v. */
export function adamStep(f: Float32Array, s: AdamSettings, t: number, count: number, p: number, g: number, m: number, v: number): void {
  const bc1 = 1 - s.beta1 ** t;
  const bc2Sqrt = Math.sqrt(1 - s.beta2 ** t);
  const stepSize = s.lr / bc1;
  for (let i = 0; i < count; i++) {
    const grad = f[g + i] as number;
    f[m + i] = s.beta1 * (f[m + i] as number) + (1 - s.beta1) * grad;
    f[v + i] = s.beta2 * (f[v + i] as number) + (1 - s.beta2) * grad * grad;
    const mi = f[m + i] as number;
    const vi = f[v + i] as number;
    f[p + i] = (f[p + i] as number) - (stepSize * mi) / (Math.sqrt(vi) / bc2Sqrt + s.eps);
  }
}
