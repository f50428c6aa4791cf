// Property checks of the DSP building blocks: resonator peaks, biquad gains, glottal F0, noise spectra.
import { describe, expect, it } from 'vitest';
import { biquad, biquadGainAt } from './biquad.js';
import { glottalSource } from './glottal.js';
import { humNoise, pinkNoise, whiteNoise } from './noise.js';
import { Rng } from '../util/random.js';
import { resonateInPlace } from './resonator.js';
import { reverberate } from './reverb.js';
import { rms } from './mix.js';
import { piecewiseLinear } from './track.js';

/** Power of `x` at `hz` (single-bin DFT). */
function powerAt(x: Float32Array, hz: number, fs = 16000): number {
  let re = 0;
  let im = 0;
  for (let i = 0; i < x.length; i++) {
    re += (x[i] as number) * Math.cos((2 * Math.PI * hz * i) / fs);
    im += (x[i] as number) * Math.sin((2 * Math.PI * hz * i) / fs);
  }
  return (re * re + im * im) / x.length;
}

describe('DSP blocks', () => {
  it('piecewiseLinear interpolates, holds ends and steps', () => {
    const t = piecewiseLinear([[0.001, 0], [0.003, 2], [0.003, 5]], 6, 1000);
    expect(Array.from(t)).toEqual([0, 0, 1, 5, 5, 5]);
  });

  it('a Klatt resonator has unity DC gain and peaks at its centre frequency', () => {
    const impulse = new Float32Array(4096);
    impulse[0] = 1;
    resonateInPlace(impulse, Float32Array.of(1000), Float32Array.of(100), 4096, 16000);
    expect(impulse.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    expect(powerAt(impulse, 1000)).toBeGreaterThan(50 * powerAt(impulse, 3000));
    expect(powerAt(impulse, 1000)).toBeGreaterThan(10 * powerAt(impulse, 500));
  });

  it('cookbook biquads have the designed gains', () => {
    const lp = biquad('lowpass', { frequencyHz: 2000 });
    expect(biquadGainAt(lp, 10)).toBeCloseTo(1, 3);
    expect(biquadGainAt(lp, 2000)).toBeCloseTo(Math.SQRT1_2, 3);
    const pk = biquad('peaking', { frequencyHz: 3000, gainDb: 6 });
    expect(20 * Math.log10(biquadGainAt(pk, 3000))).toBeCloseTo(6, 3);
    const hs = biquad('highshelf', { frequencyHz: 3000, gainDb: -6 });
    expect(20 * Math.log10(biquadGainAt(hs, 7900))).toBeCloseTo(-6, 0);
    expect(() => biquad('lowpass', { frequencyHz: 9000 })).toThrow(RangeError);
  });

  it('the glottal source has its energy at F0 and harmonics', () => {
    const n = 8000;
    const src = glottalSource(new Float32Array(n).fill(400), new Float32Array(n).fill(1), new Float32Array(n), new Rng(3), { jitter: 0, shimmer: 0 });
    expect(powerAt(src, 400)).toBeGreaterThan(100 * powerAt(src, 600));
    expect(powerAt(src, 800)).toBeGreaterThan(100 * powerAt(src, 1000));
  });

  it('pink noise falls with frequency, white noise does not; hum sits at mains harmonics', () => {
    const rng = new Rng(5);
    const band = (x: Float32Array, lo: number, hi: number): number => {
      let s = 0;
      for (let f = lo; f < hi; f += 25) s += powerAt(x, f);
      return s;
    };
    const pink = pinkNoise(8000, rng);
    const white = whiteNoise(8000, rng);
    expect(rms(pink)).toBeCloseTo(1, 3);
    expect(band(pink, 100, 400) / band(pink, 3000, 3300)).toBeGreaterThan(4);
    expect(band(white, 100, 400) / band(white, 3000, 3300)).toBeLessThan(2);
    const hum = humNoise(8000, rng, 50);
    expect(powerAt(hum, 50)).toBeGreaterThan(100 * powerAt(hum, 75));
  });

  it('reverberation keeps the length and adds a decaying tail', () => {
    const x = new Float32Array(8000);
    for (let i = 0; i < 400; i++) x[i] = Math.sin(i * 0.3);
    const y = reverberate(x, new Rng(1), { rt60Sec: 0.4, directToReverbDb: 0 });
    expect(y.length).toBe(x.length);
    expect(rms(y.subarray(1000, 3000))).toBeGreaterThan(0);
    expect(rms(y.subarray(1000, 3000))).toBeGreaterThan(rms(y.subarray(6000, 8000)));
    expect(() => reverberate(x, new Rng(1), { rt60Sec: 0 })).toThrow(RangeError);
  });
});
