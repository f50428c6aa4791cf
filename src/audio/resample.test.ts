import { describe, expect, it } from 'vitest';
import { resample } from './resample.js';

/** Amplitude of the component at `frequencyHz` (a single-bin DFT over the middle of the signal). */
function amplitudeAt(signal: Float32Array, rateHz: number, frequencyHz: number): number {
  const start = Math.floor(signal.length / 4), end = Math.floor((3 * signal.length) / 4);
  let re = 0, im = 0;
  for (let i = start; i < end; i++) {
    const a = (2 * Math.PI * frequencyHz * i) / rateHz;
    re += signal[i]! * Math.cos(a);
    im -= signal[i]! * Math.sin(a);
  }
  return (2 * Math.hypot(re, im)) / (end - start);
}

function sine(frequencyHz: number, rateHz: number, length: number): Float32Array {
  return Float32Array.from({ length }, (_, i) => Math.sin((2 * Math.PI * frequencyHz * i) / rateHz));
}

describe('resample', () => {
  it('gives ⌈n·to/from⌉ samples and copies at equal rates', () => {
    expect(resample(new Float32Array(1000), 44100, 16000).length).toBe(Math.ceil((1000 * 16000) / 44100));
    expect(resample(new Float32Array(999), 8000, 16000).length).toBe(1998);
    const x = sine(100, 16000, 64);
    expect(resample(x, 16000, 16000)).toEqual(x);
  });

  it('keeps passband sines in amplitude and phase', () => {
    for (const [from, to] of [[8000, 16000], [44100, 16000], [48000, 16000], [22050, 16000]] as const) {
      const x = sine(1000, from, from);
      const y = resample(x, from, to);
      expect(amplitudeAt(y, to, 1000)).toBeCloseTo(1, 3);
      // Linear phase with no delay: the output sample n equals the sine at time n / to.
      for (let n = to / 4; n < to / 4 + 50; n++) expect(y[n]!).toBeCloseTo(Math.sin((2 * Math.PI * 1000 * n) / to), 3);
    }
  });

  it('rejects what would alias, by more than 100 dB', () => {
    // 10 kHz at 44.1 kHz would fold to 6 kHz at 16 kHz.
    const y = resample(sine(10000, 44100, 44100), 44100, 16000);
    expect(amplitudeAt(y, 16000, 6000)).toBeLessThan(1e-5);
  });

  it('does not image when upsampling', () => {
    // 3 kHz at 8 kHz would image at 5 kHz at 16 kHz.
    const y = resample(sine(3000, 8000, 8000), 8000, 16000);
    expect(amplitudeAt(y, 16000, 3000)).toBeCloseTo(1, 2);
    expect(amplitudeAt(y, 16000, 5000)).toBeLessThan(1e-5);
  });

  it('handles a ratio too fine for a phase table (16001 → 16000)', () => {
    const y = resample(sine(500, 16001, 4000), 16001, 16000);
    expect(y.length).toBe(Math.ceil((4000 * 16000) / 16001));
    expect(amplitudeAt(y, 16000, 500)).toBeCloseTo(1, 3);
  });

  it('rejects non-integer or non-positive rates', () => {
    expect(() => resample(new Float32Array(4), 0, 16000)).toThrow(RangeError);
    expect(() => resample(new Float32Array(4), 8000.5, 16000)).toThrow(RangeError);
  });
});
