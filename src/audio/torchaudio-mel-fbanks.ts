// Triangular mel filters over STFT bins as torchaudio 0.13 `torchaudio.functional.melscale_fbanks` builds them:
// bin frequencies linspace(0, ⌊sr/2⌋, n_freqs), n_mels + 2 edges equally spaced on the HTK mel scale
// (2595·log10(1 + f/700)) from f_min to f_max, weights max(0, min(rising, falling)), norm None (peak 1).
// Reference: torchaudio/functional/functional.py `melscale_fbanks`, `_create_triangular_filterbank` (BSD-2).

export interface TorchaudioMelFbanksOptions {
  readonly sampleRateHz: number;
  /** STFT bins, n_fft/2 + 1. */
  readonly nFreqs: number;
  readonly nMels: number;
  /** Default 0. */
  readonly fminHz?: number;
  /** Default sampleRateHz / 2. */
  readonly fmaxHz?: number;
}

/** Filter m weighs bins firstBin[m] … firstBin[m] + weights[m].length − 1. */
export interface SparseMelFbanks {
  readonly nMels: number;
  readonly nFreqs: number;
  readonly firstBin: Uint32Array;
  readonly weights: readonly Float64Array[];
}

const htkMel = (hz: number): number => 2595 * Math.log10(1 + hz / 700);
const htkHz = (mel: number): number => 700 * (10 ** (mel / 2595) - 1);

/** Builds the HTK, unnormalised filterbank; throws RangeError on sizes or frequencies out of range. */
export function torchaudioMelFbanks(options: TorchaudioMelFbanksOptions): SparseMelFbanks {
  const { sampleRateHz, nFreqs, nMels } = options;
  const fminHz = options.fminHz ?? 0;
  const fmaxHz = options.fmaxHz ?? sampleRateHz / 2;
  if (!(sampleRateHz > 0) || !Number.isInteger(nFreqs) || nFreqs < 2 || !Number.isInteger(nMels) || nMels < 1) {
    throw new RangeError(`torchaudioMelFbanks: bad sizes (sampleRateHz ${sampleRateHz}, nFreqs ${nFreqs}, nMels ${nMels})`);
  }
  if (!(fminHz >= 0 && fminHz < fmaxHz)) throw new RangeError(`torchaudioMelFbanks: need 0 ≤ fmin < fmax, got ${fminHz}, ${fmaxHz}`);
  const topHz = Math.floor(sampleRateHz / 2);
  const melMin = htkMel(fminHz), melMax = htkMel(fmaxHz);
  const edges = Float64Array.from({ length: nMels + 2 }, (_, i) => htkHz(melMin + ((melMax - melMin) * i) / (nMels + 1)));
  const firstBin = new Uint32Array(nMels);
  const weights: Float64Array[] = [];
  for (let m = 0; m < nMels; m++) {
    const low = edges[m]!, centre = edges[m + 1]!, high = edges[m + 2]!;
    const row: number[] = [];
    let first = -1;
    for (let k = 0; k < nFreqs; k++) {
      const f = (topHz * k) / (nFreqs - 1);
      const w = Math.max(0, Math.min((f - low) / (centre - low), (high - f) / (high - centre)));
      if (w > 0) {
        if (first < 0) first = k;
        while (first + row.length < k) row.push(0);
        row.push(w);
      }
    }
    firstBin[m] = first < 0 ? 0 : first;
    weights.push(Float64Array.from(row));
  }
  return { nMels, nFreqs, firstBin, weights };
}
