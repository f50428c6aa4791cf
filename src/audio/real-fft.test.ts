import { describe, expect, it } from 'vitest';
import { Fft } from './fft.js';
import { RealFft } from './real-fft.js';

describe('RealFft', () => {
  it('gives the same power spectrum as the complex FFT (itself checked against the direct DFT)', () => {
    for (const n of [4, 8, 64, 512, 2048]) {
      const frame = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 0.37) + 0.5 * Math.cos(i * 2.1) + (i % 5) / 7);
      const want = new Float64Array(n / 2 + 1);
      new Fft(n).powerSpectrum(frame, want, new Float64Array(n), new Float64Array(n));
      const got = new Float64Array(n / 2 + 1);
      new RealFft(n).powerSpectrum(frame, got);
      for (let k = 0; k <= n / 2; k++) expect(got[k]).toBeCloseTo(want[k]!, 6);
    }
  });

  it('puts a bin-centred sine in its bin only (Parseval)', () => {
    const n = 256, frame = Float64Array.from({ length: n }, (_, i) => Math.cos((2 * Math.PI * 10 * i) / n));
    const out = new Float64Array(n / 2 + 1);
    new RealFft(n).powerSpectrum(frame, out);
    expect(out[10]).toBeCloseTo((n / 2) ** 2, 6);
    expect(out.reduce((a, b) => a + b, 0) - out[10]!).toBeLessThan(1e-12);
  });

  it('rejects sizes that are not powers of two ≥ 4', () => {
    expect(() => new RealFft(6)).toThrow(RangeError);
    expect(() => new RealFft(2)).toThrow(RangeError);
  });
});
