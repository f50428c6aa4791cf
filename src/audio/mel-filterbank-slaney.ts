// Triangular mel filterbank over the bins of a real FFT, stored sparsely (each filter spans few bins).
// Reference: librosa 0.11 `librosa.filters.mel` (Slaney's Auditory Toolbox design): triangles between
// consecutive mel-spaced edge frequencies, optionally area-normalised ("slaney" norm: 2 / bandwidth in Hz).
import { melFrequencies } from './mel-scale.js';

export interface MelFilterbankOptions {
  readonly sampleRateHz: number;
  /** FFT size; the filters cover its nFft/2 + 1 bins. */
  readonly nFft: number;
  /** Number of filters. Default 128. */
  readonly nMels?: number;
  /** Lowest edge. Default 0 Hz. */
  readonly fminHz?: number;
  /** Highest edge. Default sampleRateHz / 2. */
  readonly fmaxHz?: number;
  /** HTK mel formula instead of Slaney's. Default false. */
  readonly htk?: boolean;
  /** 'slaney' divides each triangle by half its width in Hz (constant energy per channel); null keeps peak 1. Default 'slaney'. */
  readonly norm?: 'slaney' | null;
}

/** Filter m has weights `weights[m]` on FFT bins firstBin[m] … firstBin[m] + weights[m].length − 1. */
export interface MelFilterbank {
  readonly nMels: number;
  readonly nBins: number;
  readonly firstBin: Uint32Array;
  readonly weights: readonly Float64Array[];
}

/** Builds a mel filterbank; throws RangeError on sizes or frequencies out of range. */
export function melFilterbank(options: MelFilterbankOptions): MelFilterbank {
  const { sampleRateHz, nFft } = options;
  const nMels = options.nMels ?? 128;
  const fminHz = options.fminHz ?? 0;
  const fmaxHz = options.fmaxHz ?? sampleRateHz / 2;
  const htk = options.htk ?? false;
  const norm = options.norm === undefined ? 'slaney' : options.norm;
  if (!(sampleRateHz > 0)) throw new RangeError(`melFilterbank: sampleRateHz must be > 0, got ${sampleRateHz}`);
  if (!Number.isInteger(nFft) || nFft < 2) throw new RangeError(`melFilterbank: nFft must be an integer ≥ 2, got ${nFft}`);
  if (!Number.isInteger(nMels) || nMels < 1) throw new RangeError(`melFilterbank: nMels must be an integer ≥ 1, got ${nMels}`);
  if (!(fminHz >= 0 && fminHz < fmaxHz)) throw new RangeError(`melFilterbank: need 0 ≤ fminHz < fmaxHz, got ${fminHz}, ${fmaxHz}`);

  const nBins = Math.floor(nFft / 2) + 1;
  const edgesHz = melFrequencies(nMels + 2, fminHz, fmaxHz, htk);
  const firstBin = new Uint32Array(nMels);
  const weights: Float64Array[] = [];
  for (let m = 0; m < nMels; m++) {
    const lowHz = edgesHz[m]!, centreHz = edgesHz[m + 1]!, highHz = edgesHz[m + 2]!;
    const scale = norm === 'slaney' ? 2 / (highHz - lowHz) : 1;
    const row: number[] = [];
    let first = -1;
    for (let k = 0; k < nBins; k++) {
      const binHz = (k * sampleRateHz) / nFft;
      const rising = (binHz - lowHz) / (centreHz - lowHz);
      const falling = (highHz - binHz) / (highHz - centreHz);
      const w = Math.max(0, Math.min(rising, falling));
      if (w > 0) {
        if (first < 0) first = k;
        // Keep interior zeros so the row stays contiguous from its first to its last non-zero bin.
        while (first + row.length < k) row.push(0);
        row.push(w * scale);
      }
    }
    firstBin[m] = first < 0 ? 0 : first;
    weights.push(Float64Array.from(row));
  }
  return { nMels, nBins, firstBin, weights };
}

/** Applies a filterbank to one power spectrum (nBins values) into `out` (nMels values). */
export function applyMelFilterbank(bank: MelFilterbank, power: Float64Array, out: Float64Array): void {
  for (let m = 0; m < bank.nMels; m++) {
    const w = bank.weights[m]!;
    const first = bank.firstBin[m]!;
    let sum = 0;
    for (let j = 0; j < w.length; j++) sum += w[j]! * power[first + j]!;
    out[m] = sum;
  }
}
