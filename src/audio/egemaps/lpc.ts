// Linear prediction by the autocorrelation method and the Levinson–Durbin recursion (Makhoul 1975,
// "Linear prediction: a tutorial review", Proc. IEEE 63(4), eqs. 37–38).

/** Autocorrelation r[0..order] of x (unnormalised), written into `r`. */
export function autocorrelation(x: Float64Array, length: number, order: number, r: Float64Array): void {
  if (order < 0 || r.length < order + 1) throw new RangeError('autocorrelation: r must hold order+1 lags');
  for (let lag = 0; lag <= order; lag++) {
    let s = 0;
    for (let i = lag; i < length; i++) s += x[i]! * x[i - lag]!;
    r[lag] = s;
  }
}

/**
 * Levinson–Durbin: predictor a[1..order] of A(z) = 1 + Σ a_k z^−k from autocorrelation r (a[0] = 1).
 * Returns the final prediction error; a zero-energy input yields a = (1, 0, …) and error 0.
 */
export function levinsonDurbin(r: Float64Array, order: number, a: Float64Array, scratch: Float64Array): number {
  if (a.length < order + 1 || scratch.length < order + 1) throw new RangeError('levinsonDurbin: arrays too short');
  a.fill(0);
  a[0] = 1;
  let err = r[0]!;
  if (!(err > 0)) return 0;
  for (let i = 1; i <= order; i++) {
    let acc = r[i]!;
    for (let j = 1; j < i; j++) acc += a[j]! * r[i - j]!;
    const k = -acc / err;
    scratch.set(a);
    for (let j = 1; j < i; j++) a[j] = scratch[j]! + k * scratch[i - j]!;
    a[i] = k;
    err *= 1 - k * k;
    if (!(err > 0)) return 0;
  }
  return err;
}
