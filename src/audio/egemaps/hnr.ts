// Harmonics-to-noise ratio from the autocorrelation at the pitch period (Boersma 1993, "Accurate short-term
// analysis of the fundamental frequency and the harmonics-to-noise ratio", IFA Proc. 17; docs/egemaps.md),
// as openSMILE 3.0.2's cHarmonics computes it: the ACF is the inverse FFT of the 60 ms power spectrum taken in
// absolute value, the lag is the strict local maximum nearest ⌊fs/F0⌋ (the lower side first at equal distance).
import { isStrictPeak } from './peaks.js';

/**
 * Lag of the |acf| peak nearest `lag`: `lag` itself, else outward (lower side first) over the inner lags; without
 * any inner peak, the larger end when it exceeds absAcf[lag] (both: the end nearer `lag`), else `lag`.
 */
function nearestAcfPeak(absAcf: Float64Array, lag: number): number {
  const last = absAcf.length - 1;
  if (isStrictPeak(absAcf, lag)) return lag;
  for (let d = 1; lag - d > 0 || lag + d < last; d++) {
    if (lag - d > 0 && isStrictPeak(absAcf, lag - d)) return lag - d;
    if (lag + d < last && isStrictPeak(absAcf, lag + d)) return lag + d;
  }
  const v = absAcf[lag]!, first = absAcf[0]!, end = absAcf[last]!;
  if (first > v && end <= v) return 0;
  if (first <= v && end > v) return last;
  if (first > v && end > v) return lag < Math.floor(absAcf.length / 2) ? 0 : last;
  return lag;
}

/**
 * HNR in dB, 10·log10(a[T] / (a[0] − a[T])) with the ratio clipped to [1e−9, 1e11] (−90…110 dB), from the
 * absolute autocorrelation a = |acf| of a frame (a[0..N/2]) and F0; 0 when unvoiced.
 */
export function hnrDb(absAcf: Float64Array, sampleRateHz: number, f0Hz: number): number {
  const f0 = Math.fround(f0Hz);
  if (!(f0 > 0)) return 0;
  const lag0 = Math.floor(sampleRateHz / f0);
  if (lag0 <= 0 || lag0 >= absAcf.length) return 0;
  const lag = nearestAcfPeak(absAcf, lag0);
  if (lag <= 0) return 0;
  const h = absAcf[lag]!, noise = absAcf[0]! - h;
  const ratio = noise === 0 ? 1e11 : h / noise;
  if (ratio > 1e11) return 110;
  if (ratio < 1e-9) return -90;
  return 10 * Math.log10(ratio);
}
