// Time-varying formant filter: a cascade of second-order digital resonators.
//
// Resonator difference equation and coefficients from Klatt, "Software for a cascade/parallel formant
// synthesizer", JASA 67 (1980): y[n] = A x[n] + B y[n-1] + C y[n-2], C = -exp(-2 pi BW T),
// B = 2 exp(-pi BW T) cos(2 pi F T), A = 1 - B - C (unity gain at 0 Hz).

/** Formant frequency and bandwidth tracks, one value per control frame of `frameSamples` samples. */
export interface FormantTracks {
  readonly frameSamples: number;
  /** Per formant, its centre frequency (Hz) per frame. */
  readonly freqsHz: readonly Float32Array[];
  /** Per formant, its bandwidth (Hz) per frame. */
  readonly bandwidthsHz: readonly Float32Array[];
}

/** Filters `input` through one resonator per formant track (in cascade); returns a new array. */
export function formantCascade(input: Float32Array, tracks: FormantTracks, sampleRateHz: number): Float32Array {
  if (!(sampleRateHz > 0)) throw new RangeError(`formantCascade: sampleRateHz must be > 0, got ${sampleRateHz}`);
  if (tracks.freqsHz.length !== tracks.bandwidthsHz.length) {
    throw new RangeError('formantCascade: need as many bandwidth tracks as frequency tracks');
  }
  const out = Float32Array.from(input);
  for (let k = 0; k < tracks.freqsHz.length; k++) {
    resonateInPlace(out, tracks.freqsHz[k] as Float32Array, tracks.bandwidthsHz[k] as Float32Array,
      tracks.frameSamples, sampleRateHz);
  }
  return out;
}

/** Runs one time-varying resonator over `x` in place; coefficients are recomputed at every frame boundary. */
export function resonateInPlace(
  x: Float32Array,
  freqHz: Float32Array,
  bandwidthHz: Float32Array,
  frameSamples: number,
  sampleRateHz: number,
): void {
  if (!(frameSamples >= 1)) throw new RangeError(`resonateInPlace: frameSamples must be >= 1, got ${frameSamples}`);
  const t = 1 / sampleRateHz;
  const fMax = 0.46 * sampleRateHz;
  let y1 = 0;
  let y2 = 0;
  const frames = Math.ceil(x.length / frameSamples);
  for (let f = 0; f < frames; f++) {
    const last = freqHz.length - 1;
    const fc = Math.min(fMax, Math.max(20, freqHz[Math.min(f, last)] ?? 500));
    const bw = Math.max(10, bandwidthHz[Math.min(f, bandwidthHz.length - 1)] ?? 100);
    const c = -Math.exp(-2 * Math.PI * bw * t);
    const b = 2 * Math.exp(-Math.PI * bw * t) * Math.cos(2 * Math.PI * fc * t);
    const a = 1 - b - c;
    const end = Math.min(x.length, (f + 1) * frameSamples);
    for (let i = f * frameSamples; i < end; i++) {
      const y = a * (x[i] as number) + b * y1 + c * y2;
      y2 = y1;
      y1 = y;
      x[i] = y;
    }
  }
}
