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

/** Everything of a natural cubic spline and its evaluation that depends only on the abscissae and the targets. */
export interface SplinePlan {
  readonly n: number;
  /** Per knot i: sig, pivot p, forward coefficient (sig − 1)/p, x[i+1] − x[i−1], x[i] − x[i−1], x[i+1] − x[i]. */
  readonly sig: Float64Array;
  readonly pivot: Float64Array;
  readonly coef: Float64Array;
  readonly span: Float64Array;
  readonly hPrev: Float64Array;
  readonly hNext: Float64Array;
  /** Per target: interval, a, b, a³ − a, b³ − b, h². */
  readonly lo: Int32Array;
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly ca: Float64Array;
  readonly cb: Float64Array;
  readonly hh: Float64Array;
}

/** Precomputes the y-independent parts of naturalSplineSecondDerivatives and splineAt (same arithmetic). */
export function splinePlan(x: Float64Array, n: number, targets: Float64Array): SplinePlan {
  const f = (m: number): Float64Array => new Float64Array(m);
  const sig = f(n), pivot = f(n), coef = f(n), span = f(n), hPrev = f(n), hNext = f(n);
  for (let i = 1; i < n - 1; i++) {
    sig[i] = (x[i]! - x[i - 1]!) / (x[i + 1]! - x[i - 1]!);
    pivot[i] = sig[i]! * coef[i - 1]! + 2;
    coef[i] = (sig[i]! - 1) / pivot[i]!;
    span[i] = x[i + 1]! - x[i - 1]!;
    hPrev[i] = x[i]! - x[i - 1]!;
    hNext[i] = x[i + 1]! - x[i]!;
  }
  const m = targets.length, lo = splineIntervals(x, n, targets);
  const a = f(m), b = f(m), ca = f(m), cb = f(m), hh = f(m);
  for (let j = 0; j < m; j++) {
    const k = lo[j]!, h = x[k + 1]! - x[k]!, xv = targets[j]!;
    a[j] = (x[k + 1]! - xv) / h;
    b[j] = (xv - x[k]!) / h;
    ca[j] = a[j]! * a[j]! * a[j]! - a[j]!;
    cb[j] = b[j]! * b[j]! * b[j]! - b[j]!;
    hh[j] = h * h;
  }
  return { n, sig, pivot, coef, span, hPrev, hNext, lo, a, b, ca, cb, hh };
}

/** Second derivatives y2 of the natural spline through (x, y) using a plan; `u` is scratch of length n. */
export function planSecondDerivatives(plan: SplinePlan, y: Float64Array, y2: Float64Array, u: Float64Array): void {
  const n = plan.n, sig = plan.sig, pivot = plan.pivot, coef = plan.coef;
  const span = plan.span, hPrev = plan.hPrev, hNext = plan.hNext;
  u[0] = 0;
  for (let i = 1; i < n - 1; i++) {
    const d = (y[i + 1]! - y[i]!) / hNext[i]! - (y[i]! - y[i - 1]!) / hPrev[i]!;
    u[i] = ((6 * d) / span[i]! - sig[i]! * u[i - 1]!) / pivot[i]!;
  }
  y2[n - 1] = 0;
  for (let k = n - 2; k >= 1; k--) y2[k] = coef[k]! * y2[k + 1]! + u[k]!;
  y2[0] = 0 * y2[1]! + u[0]!;
}

/** Evaluates the planned spline at every target j, times weight[j], clamped below at 0, into out[j]. */
export function planSplineWeighted(plan: SplinePlan, y: Float64Array, y2: Float64Array, weight: Float64Array, out: Float64Array): void {
  const lo = plan.lo, a = plan.a, b = plan.b, ca = plan.ca, cb = plan.cb, hh = plan.hh, m = lo.length;
  for (let j = 0; j < m; j++) {
    const k = lo[j]!;
    const v = (a[j]! * y[k]! + b[j]! * y[k + 1]! + (ca[j]! * y2[k]! + cb[j]! * y2[k + 1]!) * hh[j]! / 6) * weight[j]!;
    out[j] = v > 0 ? v : 0;
  }
}
