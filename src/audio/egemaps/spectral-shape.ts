// Spectral balance descriptors of eGeMAPS: alpha ratio, Hammarberg index, spectral slopes and flux
// (Eyben et al. 2016, §3.1; openSMILE's quirks per docs/egemaps.md).

/** Bin ranges for one FFT size and sample rate, precomputed once. */
export interface SpectralShapePlan {
  readonly binHz: number;
  /** First bin at or above 1 kHz, 2 kHz; last bin at or below 5 kHz. */
  readonly bin1k: number;
  readonly bin2k: number;
  readonly bin5k: number;
  /** Slope bands 0–500 Hz and 500–1500 Hz mapped to bins with edge weights (see slopeBand). */
  readonly slopeA: SlopeBand;
  readonly slopeB: SlopeBand;
  /** Number of bins that enter the flux (0 ..< 5 kHz). */
  readonly fluxBins: number;
}

/**
 * A slope band in bins: edge bins `left` and `right` enter with weights `wLeft`, `wRight` (bins in between with
 * weight 1), and `count` is the count used in the regression formula.
 */
export interface SlopeBand {
  readonly left: number;
  readonly right: number;
  readonly wLeft: number;
  readonly wRight: number;
  readonly count: number;
}

/**
 * Maps a band [loHz, hiHz] to bins the way openSMILE's cSpectral does. Left edge: the bin below the first bin
 * above loHz, weighted by that bin's distance above loHz in bin widths. Right edge: the bin at hiHz, or else the
 * bin below the first bin above it, weighted by hiHz's distance above that bin. A weight of 0 counts as 1. The
 * count is the difference of the two edge indices (one less than the number of bins summed).
 */
export function slopeBand(loHz: number, hiHz: number, binHz: number, bins: number): SlopeBand {
  // Bin frequencies within a relative 1e-9 of an edge count as equal to it (exact for the usual rates).
  const eq = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(b), 1);
  let i = 0;
  while (i < bins && !(i * binHz > loHz && !eq(i * binHz, loHz))) i++;
  let wLeft = i < bins && i > 0 ? (i * binHz - loHz) / binHz : 1;
  const left = Math.min(Math.max(i - 1, 0), bins);
  let j = 0;
  while (j < bins && !(j * binHz >= hiHz || eq(j * binHz, hiHz))) j++;
  let wRight = j < bins && j > 0 ? (hiHz - (j - 1) * binHz) / binHz : 1;
  const exact = j < bins && eq(j * binHz, hiHz);
  if (exact) wRight = 1;
  let right = Math.min(exact ? j : j - 1, bins - 1);
  if (wLeft === 0) wLeft = 1;
  if (wRight === 0) wRight = 1;
  const count = right - left;
  if (right < 0) right = 0;
  return { left: Math.min(left, bins - 1), right, wLeft, wRight, count };
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
    slopeA: slopeBand(0, 500, binHz, last + 1),
    slopeB: slopeBand(500, 1500, binHz, last + 1),
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
 * Least-squares slope of the dB power spectrum (floored at −140 dB) against frequency in Hz over a slope band, with
 * openSMILE's formula: the edge bins enter as the point (w·f, w·y) (and (w·f)² in the sum of squares), and the
 * count is the band's `count` (spec §3.8).
 */
export function spectralSlope(power: Float64Array, band: SlopeBand, binHz: number): number {
  const { left, right, wLeft, wRight, count: n } = band;
  const db = (k: number): number => {
    const p = power[k]!;
    return p > 1e-14 ? 10 * Math.log10(p) : -140;
  };
  let sx = left * binHz * wLeft;
  let sxx = sx * sx, sxy = sx * db(left), sy = wLeft * db(left);
  for (let k = left + 1; k < right; k++) {
    const x = k * binHz, y = db(k);
    sx += x; sy += y; sxx += x * x; sxy += x * y;
  }
  const xr = right * binHz * wRight, yr = db(right);
  sxx += xr * xr; sx += xr; sxy += xr * yr; sy += wRight * yr;
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
