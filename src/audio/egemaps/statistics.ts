// Basic statistics of openSMILE's functionals (cFunctionalMoments / cFunctionalPercentiles semantics as
// described in docs/egemaps.md): arithmetic mean, normalised standard deviation, percentiles.

/** Arithmetic mean (0 for an empty input). */
export function amean(x: Float64Array): number {
  if (x.length === 0) return 0;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s / x.length;
}

/** Population standard deviation divided by the mean (by 1 when the mean is 0); 0 for an empty input. */
export function stddevNorm(x: Float64Array): number {
  if (x.length === 0) return 0;
  const m = amean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i]! - m) * (x[i]! - m);
  const sd = Math.sqrt(s / x.length);
  return m === 0 ? sd : sd / m;
}

/**
 * Percentile p ∈ [0, 1] of sorted values by linear interpolation at index p·(n − 1); 0 for an empty input.
 * `sorted` must be in ascending order.
 */
export function percentileSorted(sorted: Float64Array, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentileSorted: p must lie in [0, 1], got ${p}`);
  const n = sorted.length;
  if (n === 0) return 0;
  const pos = p * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const frac = pos - lo;
  return sorted[lo]! * (1 - frac) + sorted[hi]! * frac;
}

/** The non-zero values of x, in order. */
export function nonZero(x: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) n++;
  const y = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) y[j++] = x[i]!;
  return y;
}
