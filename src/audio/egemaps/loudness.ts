// Auditory loudness of a frame: mel bands weighted by an equal-loudness curve and compressed by the power 0.33
// (Hermansky 1990 PLP equal-loudness pre-emphasis; openSMILE eGeMAPS configuration, docs/egemaps.md).
import type { HtkMelFilterbank } from './mel-filterbank-htk.js';
import { applyHtkMelFilterbank } from './mel-filterbank-htk.js';

/** Band-energy floor applied before weighting. */
const BAND_FLOOR = 9.3e-10;

/** Equal-loudness weight E(ω) of Hermansky (1990) at angular frequency ω = 2πf. */
export function equalLoudnessWeight(hz: number): number {
  const w = 2 * Math.PI * hz;
  const w2 = w * w;
  const w4 = w2 * w2;
  const w7 = w4 * w2 * w;
  return (1e32 * (w2 + 56.8e6) * w4) / ((w2 + 6.3e6) * (w2 + 6.3e6) * (w2 + 0.38e9) * (w7 + 1.7e31));
}

/** Precomputed weights of each band's centre frequency. */
export function loudnessWeights(bank: HtkMelFilterbank): Float64Array {
  return Float64Array.from(bank.centreHz, equalLoudnessWeight);
}

/** Loudness of one frame from its (unscaled) power spectrum; `bandScratch` holds one value per band. */
export function loudness(
  power: Float64Array, bank: HtkMelFilterbank, weights: Float64Array, bandScratch: Float64Array,
): number {
  applyHtkMelFilterbank(bank, power, bandScratch);
  let sum = 0;
  for (let b = 0; b < weights.length; b++) {
    const e = Math.max(bandScratch[b]!, BAND_FLOOR) * weights[b]!;
    sum += Math.pow(e, 0.33);
  }
  return sum / weights.length;
}
