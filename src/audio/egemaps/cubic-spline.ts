// Natural cubic spline interpolation (Burden & Faires, Numerical Analysis, §3.5, natural boundary y'' = 0).

/**
 * Second derivatives y2 of the natural cubic spline through (x[i], y[i]), i < n; `u` is scratch of length n.
 * x must be strictly increasing.
 */
export function naturalSplineSecondDerivatives(
  x: Float64Array, y: Float64Array, n: number, y2: Float64Array, u: Float64Array,
): void {
  if (n < 3) throw new RangeError('naturalSpline: need at least 3 points');
  y2[0] = 0;
  u[0] = 0;
  for (let i = 1; i < n - 1; i++) {
    const sig = (x[i]! - x[i - 1]!) / (x[i + 1]! - x[i - 1]!);
    const p = sig * y2[i - 1]! + 2;
    y2[i] = (sig - 1) / p;
    const d = (y[i + 1]! - y[i]!) / (x[i + 1]! - x[i]!) - (y[i]! - y[i - 1]!) / (x[i]! - x[i - 1]!);
    u[i] = ((6 * d) / (x[i + 1]! - x[i - 1]!) - sig * u[i - 1]!) / p;
  }
  y2[n - 1] = 0;
  for (let k = n - 2; k >= 0; k--) y2[k] = y2[k]! * y2[k + 1]! + u[k]!;
}

/** Evaluates the spline on interval [x[lo], x[lo+1]] at xv. */
export function splineAt(x: Float64Array, y: Float64Array, y2: Float64Array, lo: number, xv: number): number {
  const h = x[lo + 1]! - x[lo]!;
  const a = (x[lo + 1]! - xv) / h;
  const b = (xv - x[lo]!) / h;
  return a * y[lo]! + b * y[lo + 1]! + ((a * a * a - a) * y2[lo]! + (b * b * b - b) * y2[lo + 1]!) * (h * h) / 6;
}

/** For each target abscissa, the index lo of the source interval holding it (clamped to [0, n−2]). */
export function splineIntervals(x: Float64Array, n: number, targets: Float64Array): Int32Array {
  const lo = new Int32Array(targets.length);
  let k = 0;
  for (let j = 0; j < targets.length; j++) {
    const t = targets[j]!;
    while (k < n - 2 && x[k + 1]! < t) k++;
    lo[j] = k;
  }
  return lo;
}
