// Second-order IIR sections for microphone colouring and noise shaping.
//
// Coefficient formulas from R. Bristow-Johnson, "Cookbook formulae for audio EQ biquad filter coefficients"
// (the W3C Audio EQ Cookbook). Direct form I with double-precision state.

export type BiquadType = 'lowpass' | 'highpass' | 'bandpass' | 'peaking' | 'highshelf' | 'lowshelf';

export interface BiquadOptions {
  /** Centre / corner frequency in Hz, in (0, sampleRateHz / 2). */
  readonly frequencyHz: number;
  /** Sample rate in Hz; default 16000. */
  readonly sampleRateHz?: number;
  /** Quality factor; default 0.7071 (Butterworth for low/high-pass). */
  readonly q?: number;
  /** Gain in dB for peaking and shelving filters; default 0. */
  readonly gainDb?: number;
}

/** Normalised biquad coefficients (a0 = 1). */
export interface Biquad {
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  readonly a1: number;
  readonly a2: number;
}

/** Computes cookbook biquad coefficients for the given filter type. */
export function biquad(type: BiquadType, options: BiquadOptions): Biquad {
  const fs = options.sampleRateHz ?? 16000;
  const f0 = options.frequencyHz;
  if (!(f0 > 0 && f0 < fs / 2)) throw new RangeError(`biquad: frequencyHz must be in (0, ${fs / 2}), got ${f0}`);
  const q = options.q ?? Math.SQRT1_2;
  if (!(q > 0)) throw new RangeError(`biquad: q must be > 0, got ${q}`);
  const w0 = (2 * Math.PI * f0) / fs;
  const cos = Math.cos(w0);
  const alpha = Math.sin(w0) / (2 * q);
  const amp = Math.pow(10, (options.gainDb ?? 0) / 40);
  let b: [number, number, number];
  let a: [number, number, number];
  switch (type) {
    case 'lowpass':
      b = [(1 - cos) / 2, 1 - cos, (1 - cos) / 2];
      a = [1 + alpha, -2 * cos, 1 - alpha];
      break;
    case 'highpass':
      b = [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2];
      a = [1 + alpha, -2 * cos, 1 - alpha];
      break;
    case 'bandpass':
      b = [alpha, 0, -alpha];
      a = [1 + alpha, -2 * cos, 1 - alpha];
      break;
    case 'peaking':
      b = [1 + alpha * amp, -2 * cos, 1 - alpha * amp];
      a = [1 + alpha / amp, -2 * cos, 1 - alpha / amp];
      break;
    default: {
      const s = type === 'highshelf' ? 1 : -1;
      const k = 2 * Math.sqrt(amp) * alpha;
      b = [amp * (amp + 1 + s * (amp - 1) * cos + k), -2 * s * amp * (amp - 1 + s * (amp + 1) * cos),
        amp * (amp + 1 + s * (amp - 1) * cos - k)];
      a = [amp + 1 - s * (amp - 1) * cos + k, 2 * s * (amp - 1 - s * (amp + 1) * cos), amp + 1 - s * (amp - 1) * cos - k];
    }
  }
  return { b0: b[0] / a[0], b1: b[1] / a[0], b2: b[2] / a[0], a1: a[1] / a[0], a2: a[2] / a[0] };
}

/** Filters `x` in place through one biquad section and returns it. */
export function applyBiquad(x: Float32Array, f: Biquad): Float32Array {
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;
  for (let i = 0; i < x.length; i++) {
    const x0 = x[i] as number;
    const y0 = f.b0 * x0 + f.b1 * x1 + f.b2 * x2 - f.a1 * y1 - f.a2 * y2;
    x2 = x1;
    x1 = x0;
    y2 = y1;
    y1 = y0;
    x[i] = y0;
  }
  return x;
}

/** Gain (linear) of a biquad at `frequencyHz`, for tests and calibration. */
export function biquadGainAt(f: Biquad, frequencyHz: number, sampleRateHz = 16000): number {
  const w = (2 * Math.PI * frequencyHz) / sampleRateHz;
  const re = (c0: number, c1: number, c2: number): number => c0 + c1 * Math.cos(w) + c2 * Math.cos(2 * w);
  const im = (c1: number, c2: number): number => -(c1 * Math.sin(w) + c2 * Math.sin(2 * w));
  const num = Math.hypot(re(f.b0, f.b1, f.b2), im(f.b1, f.b2));
  const den = Math.hypot(re(1, f.a1, f.a2), im(f.a1, f.a2));
  return num / den;
}
