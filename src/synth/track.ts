// Piecewise-linear control tracks (F0, amplitude, formant frequencies) sampled on a regular grid.

/** A control point: time in seconds and the value there. */
export type Knot = readonly [timeSec: number, value: number];

/**
 * Samples the piecewise-linear curve through `knots` at `ratePerSec` points per second into `n` values.
 * Before the first knot the curve holds the first value, after the last it holds the last value; two knots at
 * (nearly) the same time make a step. Knots must be sorted by time.
 */
export function piecewiseLinear(knots: readonly Knot[], n: number, ratePerSec: number): Float32Array {
  if (knots.length === 0) throw new RangeError('piecewiseLinear: need at least one knot');
  if (!(ratePerSec > 0)) throw new RangeError(`piecewiseLinear: ratePerSec must be > 0, got ${ratePerSec}`);
  const out = new Float32Array(Math.max(0, n));
  let k = 0;
  for (let i = 0; i < out.length; i++) {
    const t = i / ratePerSec;
    while (k + 1 < knots.length && (knots[k + 1] as Knot)[0] <= t) k++;
    const a = knots[k] as Knot;
    const b = knots[k + 1];
    if (b === undefined || t <= a[0]) {
      out[i] = a[1];
      continue;
    }
    const span = b[0] - a[0];
    out[i] = span > 0 ? a[1] + ((b[1] - a[1]) * (t - a[0])) / span : b[1];
  }
  return out;
}

/** A constant track of `n` values. */
export function constantTrack(value: number, n: number): Float32Array {
  return new Float32Array(Math.max(0, n)).fill(value);
}

/** Converts semitones relative to a reference frequency into Hz. */
export function semitonesToHz(referenceHz: number, semitones: number): number {
  return referenceHz * Math.pow(2, semitones / 12);
}
