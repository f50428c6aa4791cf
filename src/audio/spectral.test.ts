import { describe, expect, it } from 'vitest';
import { dctIIMatrix } from './dct-ii-matrix.js';
import { hannWindow } from './hann-window.js';
import { besselI0 } from './kaiser.js';
import { melFilterbank } from './mel-filterbank-slaney.js';
import { hzToMel, melToHz } from './mel-scale.js';
import { poolFrames } from './pool-frames.js';
import { powerSpectrogram, stftFrameCount } from './power-spectrogram.js';
import { powerToDb } from './power-to-db.js';
import { frameMatrix } from './frame-matrix.js';

describe('mel scale', () => {
  it('is linear below 1 kHz and logarithmic above (Slaney), and inverts', () => {
    expect(hzToMel(1000)).toBeCloseTo(15, 12);
    expect(hzToMel(500)).toBeCloseTo(7.5, 12);
    expect(hzToMel(6400)).toBeCloseTo(15 + 27, 12); // 27 log-steps of ln(6.4)/27 per decade-ish
    for (const hz of [0, 300, 999, 1000, 4000, 8000]) {
      expect(melToHz(hzToMel(hz))).toBeCloseTo(hz, 9);
      expect(melToHz(hzToMel(hz, true), true)).toBeCloseTo(hz, 9);
    }
    expect(hzToMel(1000, true)).toBeCloseTo(1000, 0);
  });
});

describe('melFilterbank', () => {
  it('has non-negative triangles of area ≈ 1 in Hz under the Slaney norm', () => {
    const bank = melFilterbank({ sampleRateHz: 16000, nFft: 4096, nMels: 40 });
    expect(bank.weights.length).toBe(40);
    const binHz = 16000 / 4096;
    for (const w of bank.weights) {
      expect(w.every((x) => x >= 0)).toBe(true);
      // Slaney norm 2/(high − low) makes the triangle's integral 1 (width × peak / 2).
      expect(w.reduce((a, b) => a + b, 0) * binHz).toBeCloseTo(1, 1);
    }
  });

  it('rejects a range outside 0 … fmax', () => {
    expect(() => melFilterbank({ sampleRateHz: 16000, nFft: 512, fminHz: 9000, fmaxHz: 8000 })).toThrow(RangeError);
  });
});

describe('powerToDb', () => {
  it('floors at amin and clamps top_db below the global maximum', () => {
    const db = powerToDb(Float64Array.from([1, 1e-3, 0, 1e-12]), { topDb: 80 });
    expect([...db]).toEqual([0, -30, -80, -80]);
    expect([...powerToDb(Float64Array.from([1, 0]), { topDb: null })]).toEqual([0, -100]);
  });
});

describe('dctIIMatrix', () => {
  it('is orthonormal', () => {
    const n = 16, d = dctIIMatrix(n, n);
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += d[a * n + i]! * d[b * n + i]!;
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 12);
      }
    }
  });
});

describe('hannWindow and besselI0', () => {
  it('matches the closed forms', () => {
    expect([...hannWindow(4)]).toEqual([0, 0.5, 1, 0.5].map((x, i) => (i === 1 || i === 3 ? expect.closeTo(x, 12) : x)));
    expect(hannWindow(5, { periodic: false })[4]).toBeCloseTo(0, 12);
    expect(besselI0(0)).toBe(1);
    expect(besselI0(1)).toBeCloseTo(1.2660658777520082, 14); // Abramowitz & Stegun table 9.8
  });
});

describe('powerSpectrogram', () => {
  it('centres frames and satisfies Parseval for the windowed frame', () => {
    expect(stftFrameCount(1000, 512, 160)).toBe(1 + Math.floor(1000 / 160));
    const x = Float32Array.from({ length: 2048 }, (_, i) => Math.sin(i * 0.3) + 0.1 * Math.cos(i * 1.7));
    const spec = powerSpectrogram(x, { nFft: 512, hopLength: 256 });
    const t = 4, start = t * 256 - 256, w = hannWindow(512);
    let energy = 0;
    for (let i = 0; i < 512; i++) energy += (x[start + i]! * w[i]!) ** 2;
    let bins = spec.data[t * 257]! + spec.data[t * 257 + 256]!;
    for (let k = 1; k < 256; k++) bins += 2 * spec.data[t * 257 + k]!;
    expect(bins / 512).toBeCloseTo(energy, 8);
  });
});

describe('poolFrames', () => {
  it('gives column means then population stds', () => {
    const m = frameMatrix(Float64Array.from([1, 10, 3, 10]), 2, 2);
    expect([...poolFrames(m, 'mean')]).toEqual([2, 10]);
    expect([...poolFrames(m, 'mean_std')]).toEqual([2, 10, 1, 0]);
    expect(() => poolFrames(frameMatrix(new Float64Array(0), 0, 2), 'mean')).toThrow(RangeError);
  });
});
