// Stationary and impulsive background noises: white, pink, mains hum, clicks. All outputs have unit RMS
// (clicks: unit peak) so mixing sets their level.
import type { Rng } from '../util/random.js';

const SQRT3 = Math.sqrt(3);

/** Unit-variance white noise (uniform distribution). */
export function whiteNoise(n: number, rng: Rng): Float32Array {
  const out = rng.fillUniform(new Float32Array(n));
  for (let i = 0; i < n; i++) out[i] = (out[i] as number) * SQRT3;
  return out;
}

/**
 * Approximately pink (1/f) noise: a sum of one-pole low-passed white noises with corners four times apart,
 * each weighted by 1/sqrt(corner), so that the summed spectrum falls ~3 dB per octave between 20 Hz and 5 kHz.
 */
export function pinkNoise(n: number, rng: Rng, sampleRateHz = 16000): Float32Array {
  const corners = [20, 80, 320, 1280, 5120];
  const coef = corners.map((f) => 1 - Math.exp((-2 * Math.PI * f) / sampleRateHz));
  const gain = corners.map((f) => 1 / Math.sqrt(f / 20));
  const state = new Float64Array(corners.length);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const w = rng.nextUint32() / 2147483648 - 1;
    let y = 0;
    for (let k = 0; k < corners.length; k++) {
      const s = (state[k] as number) + (coef[k] as number) * (w - (state[k] as number));
      state[k] = s;
      y += s * (gain[k] as number);
    }
    out[i] = y;
  }
  return normaliseRms(out);
}

/** Mains hum: harmonics of `mainsHz` with decaying, slightly random amplitudes and random phases. */
export function humNoise(n: number, rng: Rng, mainsHz: number, sampleRateHz = 16000): Float32Array {
  if (!(mainsHz > 0)) throw new RangeError(`humNoise: mainsHz must be > 0, got ${mainsHz}`);
  const out = new Float32Array(n);
  const harmonics = Math.min(12, Math.floor(sampleRateHz / 2 / mainsHz) - 1);
  for (let h = 1; h <= harmonics; h++) {
    const amp = (h % 2 === 1 ? 1 : 0.5) * Math.pow(h, -1.1) * rng.uniform(0.5, 1.5);
    const phase = rng.uniform(0, 2 * Math.PI);
    const w = (2 * Math.PI * mainsHz * h) / sampleRateHz;
    // Recursive sinusoid: s[i] = 2 cos(w) s[i-1] - s[i-2].
    const c = 2 * Math.cos(w);
    let s1 = amp * Math.sin(phase - w);
    let s2 = amp * Math.sin(phase - 2 * w);
    for (let i = 0; i < n; i++) {
      const s0 = c * s1 - s2;
      out[i] = (out[i] as number) + s0;
      s2 = s1;
      s1 = s0;
    }
  }
  return normaliseRms(out);
}

/** Random clicks (Poisson, `ratePerSec`): short decaying noise bursts of 0.3-3 ms with random amplitudes. */
export function clickNoise(n: number, rng: Rng, ratePerSec: number, sampleRateHz = 16000): Float32Array {
  if (!(ratePerSec >= 0)) throw new RangeError(`clickNoise: ratePerSec must be >= 0, got ${ratePerSec}`);
  const out = new Float32Array(n);
  let t = -Math.log(1 - rng.float()) / Math.max(ratePerSec, 1e-9);
  while (t * sampleRateHz < n) {
    const start = Math.floor(t * sampleRateHz);
    const decay = Math.exp(-1 / (rng.uniform(0.0003, 0.003) * sampleRateHz));
    let amp = rng.uniform(0.2, 1) * (rng.chance(0.5) ? 1 : -1);
    for (let i = start; i < n && Math.abs(amp) > 1e-3; i++) {
      out[i] = (out[i] as number) + amp * (rng.nextUint32() / 2147483648 - 0.5);
      amp *= decay;
    }
    t += -Math.log(1 - rng.float()) / Math.max(ratePerSec, 1e-9);
  }
  return out;
}

/** Scales `x` in place to unit RMS (left as is when silent) and returns it. */
export function normaliseRms(x: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += (x[i] as number) * (x[i] as number);
  const rms = Math.sqrt(sum / Math.max(1, x.length));
  if (rms > 0) for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) / rms;
  return x;
}
