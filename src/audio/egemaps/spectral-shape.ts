// Spectral balance descriptors of eGeMAPS: alpha ratio, Hammarberg index, spectral slopes and flux
// (Eyben et al. 2016, §3.1; openSMILE's quirks per spec egemaps.md §3.8).

/** Bin ranges for one FFT size and sample rate, precomputed once. */
export interface SpectralShapePlan {
  readonly binHz: number;
  /** First bin at or above 1 kHz, 2 kHz; last bin at or below 5 kHz. */
  readonly bin1k: number;
  readonly bin2k: number;
  readonly bin5k: number;
  /** Slope ranges [left, right] in bins: 0–500 Hz and 500–1500 Hz. */
  readonly slopeA: readonly [number, number];
  readonly slopeB: readonly [number, number];
  /** Number of bins that enter the flux (0 ..< 5 kHz). */
  readonly fluxBins: number;
}

/** Precomputes the bin ranges for a power spectrum of fftSize/2+1 bins. */
export function spectralShapePlan(fftSize: number, sampleRateHz: number): SpectralShapePlan {
  const binHz = sampleRateHz / fftSize;
  const last = fftSize / 2;
  const clampBin = (k: number): number => Math.min(Math.max(k, 0), last);
  return {
    binHz,
    bin1k: clampBin(Math.ceil(1000 / binHz)),
    bin2k: clampBin(Math.ceil(2000 / binHz)),
    bin5k: clampBin(Math.floor(5000 / binHz)),
    slopeA: [0, clampBin(Math.floor(500 / binHz))],
    slopeB: [clampBin(Math.floor(500 / binHz)), clampBin(Math.ceil(1500 / binHz))],
    fluxBins: Math.min(Math.ceil(5000 / binHz), last + 1),
  };
}

/** Alpha ratio: 10·log10 of the power in 1–5 kHz over the power below 1 kHz. */
export function alphaRatio(power: Float64Array, plan: SpectralShapePlan): number {
  let lo = 0, hi = 0;
  for (let k = 0; k < plan.bin1k; k++) lo += power[k]!;
  for (let k = plan.bin1k; k <= plan.bin5k; k++) hi += power[k]!;
  return lo > 0 && hi > 0 ? 10 * Math.log10(hi / lo) : 0;
}

/** Hammarberg index: 10·log10 of the peak power below 2 kHz over the peak power in 2–5 kHz. */
export function hammarbergIndex(power: Float64Array, plan: SpectralShapePlan): number {
  let lo = 0, hi = 0;
  for (let k = 0; k < plan.bin2k; k++) lo = Math.max(lo, power[k]!);
  for (let k = plan.bin2k; k <= plan.bin5k; k++) hi = Math.max(hi, power[k]!);
  return lo > 0 && hi > 0 ? 10 * Math.log10(lo / hi) : 0;
}

/**
 * Least-squares slope of the dB power spectrum (floored at −140 dB) against frequency in Hz over bins
 * [left, right]; the count in the formula is right − left, an openSMILE quirk (spec §3.8).
 */
export function spectralSlope(power: Float64Array, range: readonly [number, number], binHz: number): number {
  const [left, right] = range;
  const n = right - left;
  if (n <= 0) return 0;
  let sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (let k = left; k <= right; k++) {
    const x = k * binHz;
    const p = power[k]!;
    const y = p > 1e-14 ? 10 * Math.log10(p) : -140;
    sx += x; sy += y; sxx += x * x; sxy += x * y;
  }
  const den = n * sxx - sx * sx;
  return den === 0 ? 0 : (n * sxy - sx * sy) / den;
}

/** Spectral flux: root mean square difference of the magnitudes below 5 kHz between consecutive frames. */
export function spectralFlux(magnitude: Float64Array, previous: Float64Array, bins: number): number {
  let s = 0;
  for (let k = 0; k < bins; k++) {
    const d = magnitude[k]! - previous[k]!;
    s += d * d;
  }
  return Math.sqrt(s / bins);
}
