import { describe, expect, it } from 'vitest';
import { Fft } from './fft.js';

/** Direct O(N²) DFT, the definition the FFT must agree with. */
function dft(re: Float64Array, im: Float64Array): [Float64Array, Float64Array] {
  const n = re.length, outRe = new Float64Array(n), outIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let t = 0; t < n; t++) {
      const a = (-2 * Math.PI * k * t) / n;
      outRe[k]! += re[t]! * Math.cos(a) - im[t]! * Math.sin(a);
      outIm[k]! += re[t]! * Math.sin(a) + im[t]! * Math.cos(a);
    }
  }
  return [outRe, outIm];
}

describe('Fft', () => {
  it('matches the direct DFT and round-trips', () => {
    for (const n of [2, 8, 64, 512]) {
      const re = Float64Array.from({ length: n }, (_, i) => Math.sin(i * 0.7) + (i % 3));
      const im = Float64Array.from({ length: n }, (_, i) => Math.cos(i * 1.3));
      const [wantRe, wantIm] = dft(re, im);
      const fft = new Fft(n), r = re.slice(), m = im.slice();
      fft.transform(r, m);
      for (let k = 0; k < n; k++) {
        expect(r[k]).toBeCloseTo(wantRe[k]!, 9);
        expect(m[k]).toBeCloseTo(wantIm[k]!, 9);
      }
      fft.transform(r, m, true);
      for (let k = 0; k < n; k++) expect(r[k]).toBeCloseTo(re[k]!, 12);
    }
  });

  it('puts a cosine at bin k into the power spectrum with energy (N/2)²', () => {
    const n = 256, fft = new Fft(n), out = new Float64Array(n / 2 + 1);
    const frame = Float64Array.from({ length: n }, (_, i) => Math.cos((2 * Math.PI * 10 * i) / n));
    fft.powerSpectrum(frame, out, new Float64Array(n), new Float64Array(n));
    expect(out[10]).toBeCloseTo((n / 2) ** 2, 6);
    expect(out[11]).toBeLessThan(1e-12);
  });

  it('rejects sizes that are not powers of two', () => {
    expect(() => new Fft(400)).toThrow(RangeError);
  });
});
