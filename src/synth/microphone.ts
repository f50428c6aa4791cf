// Microphone and recorder colouring: a high-pass (handling/wind rumble removal), a presence peak and a
// low-pass (recorder bandwidth), each a cookbook biquad.
import { applyBiquad, biquad } from './biquad.js';

export interface MicrophoneOptions {
  /** High-pass corner (Hz). */
  readonly highpassHz: number;
  /** Low-pass corner (Hz); must be below Nyquist. */
  readonly lowpassHz: number;
  /** Presence peak centre (Hz) and gain (dB). */
  readonly peakHz: number;
  readonly peakDb: number;
  /** Sample rate in Hz; default 16000. */
  readonly sampleRateHz?: number;
}

/** Applies the microphone's colouring to `x` in place and returns it. */
export function colourMicrophone(x: Float32Array, options: MicrophoneOptions): Float32Array {
  const sampleRateHz = options.sampleRateHz ?? 16000;
  const nyquist = sampleRateHz / 2;
  if (!(options.lowpassHz < nyquist)) throw new RangeError(`colourMicrophone: lowpassHz must be < ${nyquist}`);
  applyBiquad(x, biquad('highpass', { frequencyHz: options.highpassHz, sampleRateHz }));
  applyBiquad(x, biquad('peaking', { frequencyHz: options.peakHz, sampleRateHz, gainDb: options.peakDb, q: 1.2 }));
  applyBiquad(x, biquad('lowpass', { frequencyHz: options.lowpassHz, sampleRateHz }));
  return x;
}
