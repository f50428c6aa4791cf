// HTK-style MFCC: log mel energies of the 32767²-scaled power spectrum, DCT-II and sinusoidal liftering
// (Young et al., The HTK Book, §5.6; docs/egemaps.md).
import type { HtkMelFilterbank } from './mel-filterbank-htk.js';
import { applyHtkMelFilterbank } from './mel-filterbank-htk.js';

/** 16-bit full scale squared: openSMILE's MFCC sees the power spectrum of integer-scaled samples. */
const PCM_POWER_SCALE = 32767 * 32767;

/** The DCT-with-lifter matrix of `count` cepstra (c1..c_count) over `bands` log energies, lifter L = 22. */
export function mfccMatrix(bands: number, count: number, lifter = 22): Float64Array {
  if (bands < 1 || count < 1) throw new RangeError('mfccMatrix: bands and count must be ≥ 1');
  const m = new Float64Array(count * bands);
  const norm = Math.sqrt(2 / bands);
  for (let i = 1; i <= count; i++) {
    const lift = 1 + (lifter / 2) * Math.sin((Math.PI * i) / lifter);
    for (let b = 0; b < bands; b++) {
      m[(i - 1) * bands + b] = norm * lift * Math.cos((Math.PI * i * (b + 0.5)) / bands);
    }
  }
  return m;
}

/** Writes MFCC 1..out.length of one frame's (unscaled) power spectrum into `out`. */
export function mfccHtk(
  power: Float64Array, bank: HtkMelFilterbank, matrix: Float64Array, bandScratch: Float64Array, out: Float64Array,
): void {
  applyHtkMelFilterbank(bank, power, bandScratch);
  const bands = bandScratch.length;
  for (let b = 0; b < bands; b++) bandScratch[b] = Math.log(Math.max(bandScratch[b]! * PCM_POWER_SCALE, 1));
  for (let i = 0; i < out.length; i++) {
    let s = 0;
    for (let b = 0; b < bands; b++) s += matrix[i * bands + b]! * bandScratch[b]!;
    out[i] = s;
  }
}
