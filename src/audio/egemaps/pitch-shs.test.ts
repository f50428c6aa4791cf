import { describe, expect, it } from 'vitest';
import { CANDIDATES, enhancePeaks, shsCandidates, shsPlan, shsScratch, smoothSpectrum, subharmonicSum } from './pitch-shs.js';
import { framePlan, windowedSpectrum } from './frames.js';

describe('SHS spectrum preparation', () => {
  it('zeroes bins more than two away from both neighbouring maxima, keeping the head and tail', () => {
    //            0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15
    const a = Float64Array.from([1, 2, 1, 1, 5, 1, 1, 1, 1, 1, 1, 1, 6, 1, 1, 1]);
    enhancePeaks(a, a.length, new Int32Array(a.length));
    // maxima at 1, 4 (≥ right neighbour), 12; gaps 1..4 (nothing zeroed) and 4..12 (7..9 zeroed); tail kept.
    expect([...a]).toEqual([1, 2, 1, 1, 5, 1, 1, 0, 0, 0, 1, 1, 6, 1, 1, 1]);
  });

  it('treats end bins as maxima and keeps only bins 0..2 when there is a single maximum', () => {
    const single = Float64Array.from([1, 2, 3, 4, 5, 4, 3, 2]);
    enhancePeaks(single, single.length, new Int32Array(8));
    expect([...single]).toEqual([1, 2, 3, 0, 0, 0, 0, 0]);
    const ends = Float64Array.from([9, 1, 1, 1, 1, 1, 1, 1, 1, 7]);
    enhancePeaks(ends, ends.length, new Int32Array(10));
    expect([...ends]).toEqual([9, 1, 1, 0, 0, 0, 0, 1, 1, 7]);
  });

  it('smooths (1 2 1)/4 from the original neighbours and leaves the last bin', () => {
    const a = Float64Array.from([4, 0, 8, 0]);
    smoothSpectrum(a, 4);
    expect([...a]).toEqual([2, 3, 4, 0]);
  });
});

describe('SHS candidates', () => {
  for (const rate of [8000, 16000, 44100]) {
    it(`finds a 180 Hz harmonic complex as the best, clearly voiced candidate at ${rate} Hz`, () => {
      const plan = framePlan(rate);
      const n = plan.lengthA + 10 * plan.hop;
      const x = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let h = 1; h <= 8; h++) if (180 * h < rate / 2) v += Math.sin((2 * Math.PI * 180 * h * i) / rate) / h;
        x[i] = 0.2 * v;
      }
      const size = plan.fftA.size, re = new Float64Array(size), im = new Float64Array(size);
      windowedSpectrum(x, 3 * plan.hop, plan.windowA, plan.fftA, re, im);
      const mag = new Float64Array(size / 2 + 1);
      for (let k = 0; k < mag.length; k++) mag[k] = Math.hypot(re[k]!, im[k]!);
      const sp = shsPlan(size, rate), sc = shsScratch(sp);
      expect(sp.points).toBe(size / 2 + 1);
      subharmonicSum(mag, sp, sc);
      const freq = new Float64Array(CANDIDATES), prob = new Float64Array(CANDIDATES);
      const count = shsCandidates(sp, sc, freq, prob);
      expect(count).toBeGreaterThan(0);
      expect(Math.abs(12 * Math.log2(freq[0]! / 180))).toBeLessThan(0.1);
      expect(prob[0]!).toBeGreaterThan(0.7);
      for (let j = 0; j < count; j++) expect(freq[j]! >= 55 && freq[j]! <= 1000).toBe(true);
    });
  }
});
