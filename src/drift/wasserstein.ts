// First Wasserstein (earth mover's) distance between two 1-D empirical distributions, as scipy.stats
// wasserstein_distance: the integral of |F_u(x) − F_v(x)| over x, from the merged sorted samples.

/** W1 distance between samples `u` and `v` (NaNs ignored); throws RangeError when either side is empty. */
export function wasserstein1(u: ArrayLike<number>, v: ArrayLike<number>): number {
  const a = sortedFinite(u);
  const b = sortedFinite(v);
  if (a.length === 0 || b.length === 0) throw new RangeError('wasserstein1: both samples need at least one finite value');
  let i = 0, j = 0, distance = 0;
  let previous = Math.min(a[0]!, b[0]!);
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    distance += Math.abs(i / a.length - j / b.length) * (next - previous);
    previous = next;
    while (i < a.length && a[i] === next) i++;
    while (j < b.length && b[j] === next) j++;
  }
  return distance;
}

function sortedFinite(values: ArrayLike<number>): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) out.push(values[i]!);
  return Float64Array.from(out).sort();
}
