// Harmonics-to-noise ratio from the autocorrelation at the pitch period (Boersma 1993, "Accurate short-term
// analysis of the fundamental frequency and the harmonics-to-noise ratio", IFA Proc. 17; spec egemaps.md §3.4).

/** Lag of the local ACF maximum nearest `lag` (searching both directions), or `lag` if none is found. */
function nearestAcfPeak(acf: Float64Array, lag: number, maxLag: number): number {
  const isPeak = (k: number): boolean => k > 0 && k < maxLag && acf[k]! >= acf[k - 1]! && acf[k]! >= acf[k + 1]!;
  for (let d = 0; d < maxLag; d++) {
    if (isPeak(lag - d)) return lag - d;
    if (isPeak(lag + d)) return lag + d;
  }
  return lag;
}

/**
 * HNR in dB, 10·log10(acf[T0] / (acf[0] − acf[T0])) clipped to [−90, 110], from the autocorrelation of a frame
 * (acf[0..]) and F0; 0 when unvoiced.
 */
export function hnrDb(acf: Float64Array, sampleRateHz: number, f0Hz: number): number {
  if (!(f0Hz > 0)) return 0;
  const maxLag = acf.length - 1;
  const lag0 = Math.floor(sampleRateHz / f0Hz);
  if (lag0 < 1 || lag0 >= maxLag) return 0;
  const lag = nearestAcfPeak(acf, lag0, maxLag);
  const h = acf[lag]!, noise = acf[0]! - h;
  if (!(noise > 0)) return 110;
  if (!(h > 0)) return -90;
  return Math.min(110, Math.max(-90, 10 * Math.log10(h / noise)));
}
