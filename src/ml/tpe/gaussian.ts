// Normal-distribution helpers for the Parzen estimators: log-space tail probabilities and truncated sampling.
import type { Rng } from '../../util/random.js';

/**
 * log erfc(z) for z ≥ 0 without underflow: erfc(z) = t·exp(−z² + P(t)), t = 1/(1 + z/2)
 * (Chebyshev-fitted rational form from Press et al., Numerical Recipes, §6.2; relative error < 1.2e−7).
 */
function logErfcNonNeg(z: number): number {
  const t = 1 / (1 + 0.5 * z);
  const p =
    -1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 +
      t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return Math.log(t) - z * z + p;
}

/** erf(z): Taylor series near 0 (no cancellation), 1 − erfc(|z|) elsewhere. */
function erf(z: number): number {
  const a = Math.abs(z);
  if (a < 0.5) {
    let term = z;
    let sum = z;
    const z2 = z * z;
    for (let n = 1; n < 30; n++) {
      term *= -z2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  const v = 1 - Math.exp(logErfcNonNeg(a));
  return z < 0 ? -v : v;
}

/** log of the upper tail Q(x) = P(Z > x) for x ≥ 0. */
function logUpperTail(x: number): number {
  return Math.log(0.5) + logErfcNonNeg(x / Math.SQRT2);
}

/** log(Φ(b) − Φ(a)) for a < b, accurate in both tails. */
export function logNormalMass(a: number, b: number): number {
  if (!(b > a)) return -Infinity;
  if (a >= 0) {
    // Q(a) − Q(b) = Q(a)·(1 − Q(b)/Q(a))
    const la = logUpperTail(a);
    const lb = b === Infinity ? -Infinity : logUpperTail(b);
    return la + Math.log1p(-Math.exp(lb - la));
  }
  if (b <= 0) return logNormalMass(-b, -a);
  return Math.log(0.5 * (erf(b / Math.SQRT2) - erf(a / Math.SQRT2)));
}

/** Draws from N(mu, sigma²) truncated to [low, high]; mu must lie in [low, high] (acceptance ≥ 34 %). */
export function sampleTruncNormal(rng: Rng, mu: number, sigma: number, low: number, high: number): number {
  for (let i = 0; i < 1000; i++) {
    const v = mu + sigma * rng.normal();
    if (v >= low && v <= high) return v;
  }
  return Math.min(Math.max(mu, low), high);
}

/** log Σ exp(v_i), stable. */
export function logSumExp(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) max = Math.max(max, values[i] ?? -Infinity);
  if (max === -Infinity) return -Infinity;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += Math.exp((values[i] ?? -Infinity) - max);
  return max + Math.log(s);
}
