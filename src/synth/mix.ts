// Level and mixing helpers: RMS in dBFS, SNR mixing, fades and clipping protection.

/** RMS of a signal (0 for an empty one). */
export function rms(x: Float32Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] as number) * (x[i] as number);
  return Math.sqrt(s / Math.max(1, x.length));
}

/** Converts dB to a linear amplitude factor. */
export function dbToGain(db: number): number {
  return Math.pow(10, db / 20);
}

/** Adds `noise` into `signal` in place at `gain`; lengths must match. */
export function addScaled(signal: Float32Array, noise: Float32Array, gain: number): Float32Array {
  if (signal.length !== noise.length) throw new RangeError('addScaled: signal and noise lengths differ');
  for (let i = 0; i < signal.length; i++) signal[i] = (signal[i] as number) + gain * (noise[i] as number);
  return signal;
}

/** Raised-cosine fade-in and fade-out of `fadeSamples` each, in place. */
export function fadeEdges(x: Float32Array, fadeSamples: number): Float32Array {
  const m = Math.min(Math.floor(x.length / 2), Math.max(0, Math.floor(fadeSamples)));
  for (let i = 0; i < m; i++) {
    const g = 0.5 - 0.5 * Math.cos((Math.PI * (i + 0.5)) / m);
    x[i] = (x[i] as number) * g;
    x[x.length - 1 - i] = (x[x.length - 1 - i] as number) * g;
  }
  return x;
}

/** Scales `x` down in place if its peak exceeds `maxPeak` (never up); returns it. */
export function limitPeak(x: Float32Array, maxPeak = 0.98): Float32Array {
  let peak = 0;
  for (let i = 0; i < x.length; i++) peak = Math.max(peak, Math.abs(x[i] as number));
  if (peak > maxPeak) for (let i = 0; i < x.length; i++) x[i] = ((x[i] as number) * maxPeak) / peak;
  return x;
}

/** Copies `src` into `dst` at `offset` (clipped to `dst`), adding to what is there. */
export function addAt(dst: Float32Array, src: Float32Array, offset: number): Float32Array {
  const start = Math.max(0, Math.floor(offset));
  for (let i = 0; i < src.length && start + i < dst.length; i++) dst[start + i] = (dst[start + i] as number) + (src[i] as number);
  return dst;
}
