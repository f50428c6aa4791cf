import { describe, expect, it } from 'vitest';
import { harmonicLevels, harmonicScratch, UNVOICED_AMPLITUDE } from './harmonics.js';

/** A magnitude spectrum of `bins` bins with strict peaks (value, bin) on a flat 1e-6 floor. */
function spectrum(bins: number, peaks: [number, number][]): Float64Array {
  const m = new Float64Array(bins).fill(1e-6);
  for (const [bin, v] of peaks) { m[bin] = v; m[bin - 1] = Math.max(m[bin - 1]!, v / 4); m[bin + 1] = Math.max(m[bin + 1]!, v / 4); }
  return m;
}
const db = (x: number): number => 20 * Math.log10(x);

describe('harmonicLevels', () => {
  it('gives zeros and −201 amplitudes for unvoiced frames', () => {
    const h = harmonicLevels(new Float64Array(64), 10, 0, [500, 1500, 2500], harmonicScratch());
    expect(h).toEqual({ h1h2: 0, h1a3: 0, formantAmplitude: [UNVOICED_AMPLITUDE, UNVOICED_AMPLITUDE, UNVOICED_AMPLITUDE] });
  });

  it('measures interpolated peak levels relative to the fundamental bin magnitude', () => {
    // 10 Hz bins, F0 = 100 Hz: harmonics at bins 10, 20, 30; symmetric peaks interpolate to their bin value.
    const mag = spectrum(200, [[10, 1], [20, 0.5], [30, 0.25]]);
    const h = harmonicLevels(mag, 10, 100, [300, 0, 0], harmonicScratch());
    expect(h.h1h2).toBeCloseTo(db(0.5) - db(0.25), 4);
    expect(h.formantAmplitude[0]).toBeCloseTo(db(0.25), 4);
    // Windows around a 0 Hz formant hold no harmonic: amplitude 0, and H1−A3 is taken against −201 dB.
    expect(h.formantAmplitude[1]).toBe(0);
    expect(h.h1a3).toBe(-201);
  });

  it('searches the upper neighbour before the lower one when the expected bin is no peak', () => {
    // Second harmonic expected at bin 20; peaks at 18 and 22 (equal distance): the upper, weaker one is taken.
    const mag = spectrum(200, [[10, 1], [18, 0.5], [22, 0.1]]);
    const sc = harmonicScratch();
    harmonicLevels(mag, 10, 100, [0, 0, 0], sc);
    expect(sc.bin[1]).toBe(22);
  });

  it('picks the harmonic with the largest bin magnitude within ±20 % of a formant', () => {
    const mag = spectrum(200, [[10, 1], [20, 0.2], [30, 0.6], [40, 0.3]]);
    const h = harmonicLevels(mag, 10, 100, [350, 0, 0], harmonicScratch());
    expect(h.formantAmplitude[0]).toBeCloseTo(db(0.6), 4);
  });
});
