// Hann window, periodic (for spectral analysis, as scipy.signal.get_window('hann', n, fftbins=True)) or symmetric.

export interface HannWindowOptions {
  /** Periodic (DFT-even: period `length`) rather than symmetric (period `length − 1`). Default true. */
  readonly periodic?: boolean;
}

/** The Hann window w[n] = 0.5 − 0.5·cos(2πn / N), N = length (periodic) or length − 1 (symmetric). */
export function hannWindow(length: number, options: HannWindowOptions = {}): Float64Array {
  if (!Number.isInteger(length) || length < 1) throw new RangeError(`hannWindow: length must be an integer ≥ 1, got ${length}`);
  const periodic = options.periodic ?? true;
  const out = new Float64Array(length);
  if (length === 1) {
    out[0] = 1;
    return out;
  }
  const period = periodic ? length : length - 1;
  for (let n = 0; n < length; n++) out[n] = 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / period);
  return out;
}
