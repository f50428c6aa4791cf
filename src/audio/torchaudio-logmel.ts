// The burst study's front end, compatible with torchaudio 0.13: `MelSpectrogram(sample_rate, n_fft 400, hop 200,
// win 400, periodic Hann, power 2, center=True with reflect padding, n_mels 64, mel_scale 'htk', norm None)`, then
// `log1p`, then per-sample standardisation (x − mean) / (std + 1e−6) with the unbiased std (torch.std default).
// References: torchaudio/transforms/_transforms.py `MelSpectrogram`, torch.stft (center, pad_mode='reflect').
// Computed in float64 (torch: float32); at 22,050 Hz the standardised values agree to float32 rounding.
import { AnySizeFft } from './any-size-fft.js';
import { hannWindow } from './hann-window.js';
import { torchaudioMelFbanks, type SparseMelFbanks } from './torchaudio-mel-fbanks.js';

export interface TorchaudioMelOptions {
  readonly sampleRateHz: number;
  /** Default 400. */
  readonly nFft?: number;
  /** Default 200. */
  readonly hopLength?: number;
  /** Default 64. */
  readonly nMels?: number;
  /** Default 0 and sampleRateHz / 2. */
  readonly fminHz?: number;
  readonly fmaxHz?: number;
}

/** A frames × nMels matrix, time-major (row t holds the nMels values of frame t). */
export interface MelMatrix {
  readonly frames: number;
  readonly nMels: number;
  readonly data: Float64Array;
}

interface Plan {
  readonly nFft: number;
  readonly fft: AnySizeFft;
  readonly window: Float64Array;
  readonly fbanks: SparseMelFbanks;
  readonly re: Float64Array;
  readonly im: Float64Array;
}

const plans = new Map<string, Plan>();

function planFor(o: Required<TorchaudioMelOptions>): Plan {
  const key = `${o.sampleRateHz}/${o.nFft}/${o.nMels}/${o.fminHz}/${o.fmaxHz}`;
  let plan = plans.get(key);
  if (plan === undefined) {
    const fbanks = torchaudioMelFbanks({ sampleRateHz: o.sampleRateHz, nFreqs: Math.floor(o.nFft / 2) + 1, nMels: o.nMels, fminHz: o.fminHz, fmaxHz: o.fmaxHz });
    plan = { nFft: o.nFft, fft: new AnySizeFft(o.nFft), window: hannWindow(o.nFft), fbanks, re: new Float64Array(o.nFft), im: new Float64Array(o.nFft) };
    if (plans.size >= 8) plans.clear();
    plans.set(key, plan);
  }
  return plan;
}

function withDefaults(options: TorchaudioMelOptions): Required<TorchaudioMelOptions> {
  return {
    sampleRateHz: options.sampleRateHz,
    nFft: options.nFft ?? 400,
    hopLength: options.hopLength ?? 200,
    nMels: options.nMels ?? 64,
    fminHz: options.fminHz ?? 0,
    fmaxHz: options.fmaxHz ?? options.sampleRateHz / 2,
  };
}

/** Index of sample j of the reflect-padded signal (torch 'reflect': the edge sample is not repeated). */
function reflect(j: number, n: number): number {
  if (j < 0) return -j;
  if (j >= n) return 2 * (n - 1) - j;
  return j;
}

/** Mel power spectrogram (frames = 1 + ⌊n / hop⌋); throws RangeError when the signal is not longer than n_fft/2. */
export function torchaudioMelSpectrogram(samples: Float32Array | Float64Array, options: TorchaudioMelOptions): MelMatrix {
  const o = withDefaults(options);
  const n = samples.length;
  const pad = Math.floor(o.nFft / 2);
  if (n <= pad) throw new RangeError(`torchaudioMelSpectrogram: reflect padding needs more than ${pad} samples, got ${n}`);
  const plan = planFor(o);
  const { fft, window, fbanks, re, im } = plan;
  const frames = 1 + Math.floor(n / o.hopLength);
  const nBins = fbanks.nFreqs;
  const power = new Float64Array(nBins);
  const data = new Float64Array(frames * o.nMels);
  for (let t = 0; t < frames; t++) {
    const start = t * o.hopLength - pad;
    if (start >= 0 && start + o.nFft <= n) for (let i = 0; i < o.nFft; i++) re[i] = samples[start + i]! * window[i]!;
    else for (let i = 0; i < o.nFft; i++) re[i] = samples[reflect(start + i, n)]! * window[i]!;
    im.fill(0);
    fft.transform(re, im);
    for (let k = 0; k < nBins; k++) power[k] = re[k]! * re[k]! + im[k]! * im[k]!;
    for (let m = 0; m < o.nMels; m++) {
      const w = fbanks.weights[m]!;
      const first = fbanks.firstBin[m]!;
      let sum = 0;
      for (let j = 0; j < w.length; j++) sum += w[j]! * power[first + j]!;
      data[t * o.nMels + m] = sum;
    }
  }
  return { frames, nMels: o.nMels, data };
}

/** log1p of the mel powers, standardised per sample with the unbiased std: the CNN's input, as float32. */
export function torchaudioLogMelStandardized(samples: Float32Array | Float64Array, options: TorchaudioMelOptions): { frames: number; nMels: number; data: Float32Array } {
  const mel = torchaudioMelSpectrogram(samples, options);
  const values = mel.data;
  const count = values.length;
  let sum = 0;
  for (let i = 0; i < count; i++) {
    values[i] = Math.log1p(values[i]!);
    sum += values[i]!;
  }
  const mean = sum / count;
  let squares = 0;
  for (let i = 0; i < count; i++) squares += (values[i]! - mean) ** 2;
  const std = count > 1 ? Math.sqrt(squares / (count - 1)) : Number.NaN;
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) data[i] = (values[i]! - mean) / (std + 1e-6);
  return { frames: mel.frames, nMels: mel.nMels, data };
}
