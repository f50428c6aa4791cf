// Mel-frequency cepstral coefficients with librosa's conventions, frame by frame.
// Reference: librosa 0.11 `librosa.feature.mfcc` (defaults: 20 coefficients, n_fft 2048, hop 512, 128 Slaney-normed
// Slaney mels, periodic Hann, centred STFT with zero padding, power_to_db(ref=1, amin=1e-10, top_db=80) over the
// whole clip, DCT-II ortho over the mel axis, first n_mfcc kept). Computed in float64 (librosa: float32).
import { dctIIMatrix } from './dct-ii-matrix.js';
import { frameMatrix, type FrameMatrix } from './frame-matrix.js';
import { applyMelFilterbank, melFilterbank, type MelFilterbank } from './mel-filterbank-slaney.js';
import { forEachPowerFrame } from './power-spectrogram.js';
import { powerToDb } from './power-to-db.js';

export interface MfccOptions {
  readonly sampleRateHz: number;
  /** Coefficients kept per frame. Default 20. */
  readonly nMfcc?: number;
  /** FFT size (power of two). Default 2048. */
  readonly nFft?: number;
  /** Samples between frames. Default 512. */
  readonly hopLength?: number;
  /** Hann window length, ≤ nFft. Default nFft. */
  readonly winLength?: number;
  /** Mel bands. Default 128. */
  readonly nMels?: number;
  /** Lowest mel edge. Default 0 Hz. */
  readonly fminHz?: number;
  /** Highest mel edge. Default sampleRateHz / 2. */
  readonly fmaxHz?: number;
  /** Dynamic range kept below the clip's loudest mel value, in dB; null keeps all. Default 80. */
  readonly topDb?: number | null;
}

interface MfccPlan {
  readonly bank: MelFilterbank;
  readonly dct: Float64Array;
}

const plans = new Map<string, MfccPlan>();

function planFor(sampleRateHz: number, nFft: number, nMels: number, nMfcc: number, fminHz: number, fmaxHz: number): MfccPlan {
  const key = [sampleRateHz, nFft, nMels, nMfcc, fminHz, fmaxHz].join('/');
  let plan = plans.get(key);
  if (plan === undefined) {
    plan = { bank: melFilterbank({ sampleRateHz, nFft, nMels, fminHz, fmaxHz }), dct: dctIIMatrix(nMels, nMfcc) };
    if (plans.size > 16) plans.clear();
    plans.set(key, plan);
  }
  return plan;
}

/** MFCCs of a mono signal as a frames × nMfcc matrix; throws RangeError on bad options or an empty signal. */
export function mfcc(samples: Float32Array | Float64Array, options: MfccOptions): FrameMatrix {
  const { sampleRateHz } = options;
  const nMfcc = options.nMfcc ?? 20;
  const nFft = options.nFft ?? 2048;
  const hopLength = options.hopLength ?? 512;
  const winLength = options.winLength ?? nFft;
  const nMels = options.nMels ?? 128;
  const fminHz = options.fminHz ?? 0;
  const fmaxHz = options.fmaxHz ?? sampleRateHz / 2;
  const topDb = options.topDb === undefined ? 80 : options.topDb;
  if (samples.length === 0) throw new RangeError('mfcc: the signal is empty');
  if (!Number.isInteger(nMfcc) || nMfcc < 1 || nMfcc > nMels) throw new RangeError(`mfcc: nMfcc must be an integer in [1, nMels], got ${nMfcc}`);
  if (fmaxHz > sampleRateHz / 2) throw new RangeError(`mfcc: fmaxHz ${fmaxHz} exceeds the Nyquist frequency ${sampleRateHz / 2}`);
  const { bank, dct } = planFor(sampleRateHz, nFft, nMels, nMfcc, fminHz, fmaxHz);

  const maxFrames = Math.floor(samples.length / hopLength) + 1 + Math.ceil(nFft / hopLength);
  let mel = new Float64Array(maxFrames * nMels);
  const frames = forEachPowerFrame(samples, { nFft, hopLength, winLength, center: true }, (t, power) => {
    applyMelFilterbank(bank, power, mel.subarray(t * nMels, (t + 1) * nMels));
  });
  mel = mel.subarray(0, frames * nMels);
  const db = powerToDb(mel, { topDb });

  const out = new Float64Array(frames * nMfcc);
  for (let t = 0; t < frames; t++) {
    const base = t * nMels;
    for (let k = 0; k < nMfcc; k++) {
      const row = k * nMels;
      let sum = 0;
      for (let n = 0; n < nMels; n++) sum += dct[row + n]! * db[base + n]!;
      out[t * nMfcc + k] = sum;
    }
  }
  return frameMatrix(out, frames, nMfcc);
}
