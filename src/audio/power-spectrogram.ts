// Short-time power spectrum |STFT|² with librosa's framing: optional centring with zero padding of nFft/2 on each
// side, a periodic Hann window of winLength samples centred in nFft, frames every hopLength samples.
// Reference: librosa 0.11 `librosa.stft` (center=True, pad_mode='constant', window='hann').
import { frameMatrix, type FrameMatrix } from './frame-matrix.js';
import { hannWindow } from './hann-window.js';
import { RealFft } from './real-fft.js';

export interface PowerSpectrogramOptions {
  /** FFT size, a power of two ≥ 4. */
  readonly nFft: number;
  /** Samples between frame starts. Default nFft / 4. */
  readonly hopLength?: number;
  /** Window length in samples, ≤ nFft; the window is zero-padded (centred) to nFft. Default nFft. */
  readonly winLength?: number;
  /** Pad nFft/2 zeros at both ends so frame t is centred on sample t·hopLength. Default true. */
  readonly center?: boolean;
}

interface StftPlan {
  readonly fft: RealFft;
  readonly window: Float64Array;
  readonly frame: Float64Array;
  readonly power: Float64Array;
}

const plans = new Map<string, StftPlan>();

function planFor(nFft: number, winLength: number): StftPlan {
  const key = `${nFft}/${winLength}`;
  let plan = plans.get(key);
  if (plan === undefined) {
    const window = new Float64Array(nFft);
    window.set(hannWindow(winLength), Math.floor((nFft - winLength) / 2));
    plan = { fft: new RealFft(nFft), window, frame: new Float64Array(nFft), power: new Float64Array(nFft / 2 + 1) };
    plans.set(key, plan);
  }
  return plan;
}

/** Number of frames librosa's framing gives for `length` samples. */
export function stftFrameCount(length: number, nFft: number, hopLength: number, center = true): number {
  const padded = center ? length + 2 * Math.floor(nFft / 2) : length;
  if (padded < nFft) return 0;
  return 1 + Math.floor((padded - nFft) / hopLength);
}

/** Calls `visit(t, power)` for each frame's nFft/2 + 1 power bins (a reused buffer); returns the frame count. */
export function forEachPowerFrame(
  samples: Float32Array | Float64Array,
  options: PowerSpectrogramOptions,
  visit: (frame: number, power: Float64Array) => void,
): number {
  const { nFft } = options;
  const hopLength = options.hopLength ?? Math.floor(nFft / 4);
  const winLength = options.winLength ?? nFft;
  const center = options.center ?? true;
  if (!Number.isInteger(nFft) || nFft < 4 || (nFft & (nFft - 1)) !== 0) throw new RangeError(`powerSpectrogram: nFft must be a power of two ≥ 4, got ${nFft}`);
  if (!Number.isInteger(hopLength) || hopLength < 1) throw new RangeError(`powerSpectrogram: hopLength must be an integer ≥ 1, got ${hopLength}`);
  if (!Number.isInteger(winLength) || winLength < 1 || winLength > nFft) throw new RangeError(`powerSpectrogram: winLength must be an integer in [1, nFft], got ${winLength}`);
  const plan = planFor(nFft, winLength);
  const { window, frame, power } = plan;
  const frames = stftFrameCount(samples.length, nFft, hopLength, center);
  const offset = center ? Math.floor(nFft / 2) : 0;
  const n = samples.length;
  for (let t = 0; t < frames; t++) {
    const start = t * hopLength - offset; // index into samples of the frame's first value
    if (start >= 0 && start + nFft <= n) {
      for (let i = 0; i < nFft; i++) frame[i] = samples[start + i]! * window[i]!;
    } else {
      for (let i = 0; i < nFft; i++) {
        const j = start + i;
        frame[i] = j >= 0 && j < n ? samples[j]! * window[i]! : 0; // zero padding beyond the signal
      }
    }
    plan.fft.powerSpectrum(frame, power);
    visit(t, power);
  }
  return frames;
}

/** The power spectrogram as a frames × (nFft/2 + 1) matrix. */
export function powerSpectrogram(samples: Float32Array | Float64Array, options: PowerSpectrogramOptions): FrameMatrix {
  const bins = options.nFft / 2 + 1;
  const frames = stftFrameCount(samples.length, options.nFft, options.hopLength ?? Math.floor(options.nFft / 4), options.center ?? true);
  const data = new Float64Array(frames * bins);
  forEachPowerFrame(samples, options, (t, power) => data.set(power, t * bins));
  return frameMatrix(data, frames, bins);
}
