// A compact summary of the training distribution per feature: quantiles at equally spaced probabilities.
import type { Matrix } from '../ml/index.js';

/** Default number of quantiles stored per feature (0 %, 1 %, …, 100 %). */
export const REFERENCE_QUANTILES = 101;

/**
 * Quantiles of each column of `x` (NaN cells skipped) at probabilities i / (count − 1), with linear interpolation
 * between order statistics (numpy.quantile's default 'linear' method). A column with no finite value gets [].
 */
export function columnQuantiles(x: Matrix, count = REFERENCE_QUANTILES): number[][] {
  if (!Number.isInteger(count) || count < 2) throw new RangeError(`columnQuantiles: count must be an integer ≥ 2, got ${count}`);
  const out: number[][] = [];
  const column = new Float64Array(x.rows);
  for (let c = 0; c < x.cols; c++) {
    let n = 0;
    for (let r = 0; r < x.rows; r++) {
      const v = x.data[r * x.cols + c] ?? Number.NaN;
      if (Number.isFinite(v)) column[n++] = v;
    }
    const sorted = column.slice(0, n).sort();
    out.push(n === 0 ? [] : Array.from({ length: count }, (_, i) => quantileOfSorted(sorted, i / (count - 1))));
  }
  return out;
}

/** The p-quantile of sorted values, linearly interpolated. */
function quantileOfSorted(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return a + (h - lo) * (b - a);
}
