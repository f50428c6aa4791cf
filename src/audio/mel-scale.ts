// Hz ↔ mel conversions: Slaney's Auditory Toolbox scale (linear below 1 kHz, logarithmic above) or HTK's.
// Reference: M. Slaney, "Auditory Toolbox" v2 (1998), mel scale as implemented by librosa 0.11
// `hz_to_mel`/`mel_to_hz` (htk=False): 200/3 Hz per mel up to 1 kHz, then steps of ln(6.4)/27 per mel.

const SLANEY_HZ_PER_MEL = 200 / 3;
const SLANEY_BREAK_HZ = 1000;
const SLANEY_BREAK_MEL = SLANEY_BREAK_HZ / SLANEY_HZ_PER_MEL; // 15
const SLANEY_LOG_STEP = Math.log(6.4) / 27;

/** Converts a frequency in Hz to mels (Slaney by default, HTK's 2595·log10(1 + f/700) when `htk`). */
export function hzToMel(frequencyHz: number, htk = false): number {
  if (htk) return 2595 * Math.log10(1 + frequencyHz / 700);
  if (frequencyHz < SLANEY_BREAK_HZ) return frequencyHz / SLANEY_HZ_PER_MEL;
  return SLANEY_BREAK_MEL + Math.log(frequencyHz / SLANEY_BREAK_HZ) / SLANEY_LOG_STEP;
}

/** Converts mels back to Hz; the inverse of `hzToMel` with the same `htk` choice. */
export function melToHz(mel: number, htk = false): number {
  if (htk) return 700 * (10 ** (mel / 2595) - 1);
  if (mel < SLANEY_BREAK_MEL) return mel * SLANEY_HZ_PER_MEL;
  return SLANEY_BREAK_HZ * Math.exp(SLANEY_LOG_STEP * (mel - SLANEY_BREAK_MEL));
}

/** `count` frequencies in Hz equally spaced on the mel scale from `fminHz` to `fmaxHz` inclusive. */
export function melFrequencies(count: number, fminHz: number, fmaxHz: number, htk = false): Float64Array {
  if (!Number.isInteger(count) || count < 2) throw new RangeError(`melFrequencies: count must be an integer ≥ 2, got ${count}`);
  const lo = hzToMel(fminHz, htk);
  const hi = hzToMel(fmaxHz, htk);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = melToHz(lo + ((hi - lo) * i) / (count - 1), htk);
  return out;
}
