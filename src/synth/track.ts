// Piecewise-linear control tracks (F0, amplitude, formant frequencies) sampled on a regular grid.

/** A control point: time in seconds and the value there. */
export type Knot = readonly [timeSec: number, value: number];

/**
 * Samples the piecewise-linear curve through `knots` at `ratePerSec` points per second into `n` values.
 * Before the first knot the curve holds the first value, after the last it holds the last value; two knots at
 * (nearly) the same time make a step. Knots must be sorted by time.
 */
export function piecewiseLinear(knots: readonly Knot[], n: number, ratePerSec: number): Float32Array {
  const first = knots[0];
  if (first === undefined) throw new RangeError('piecewiseLinear: need at least one knot');
  if (!(ratePerSec > 0)) throw new RangeError(`piecewiseLinear: ratePerSec must be > 0, got ${ratePerSec}`);
  const out = new Float32Array(Math.max(0, n));
  // Index of the first sample at or after time t.
  const at = (t: number): number => Math.min(out.length, Math.max(0, Math.ceil(t * ratePerSec - 1e-9)));
  out.fill(first[1], 0, at(first[0]));
  for (let k = 0; k + 1 < knots.length; k++) {
    const a = knots[k] as Knot;
    const b = knots[k + 1] as Knot;
    const span = b[0] - a[0];
    const from = at(a[0]);
    const to = at(b[0]);
    if (span <= 0 || to <= from) continue;
    const slope = (b[1] - a[1]) / (span * ratePerSec);
    const offset = a[1] - slope * a[0] * ratePerSec;
    for (let i = from; i < to; i++) out[i] = offset + slope * i;
  }
  const last = knots[knots.length - 1] as Knot;
  out.fill(last[1], at(last[0]));
  return out;
}
