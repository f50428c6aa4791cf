import { describe, expect, it } from 'vitest';
import { mfccSet, mfccSetParams } from './mfcc-set.js';

/** A 440 Hz tone under a Hann envelope (no abrupt edges, whose ringing would depend on the resampler). */
const tone = (rateHz: number, seconds: number): Float32Array => {
  const n = Math.round(rateHz * seconds);
  return Float32Array.from({ length: n }, (_, i) => 0.3 * Math.sin((Math.PI * i) / n) ** 2 * Math.sin((2 * Math.PI * 440 * i) / rateHz));
};

describe('mfcc feature set', () => {
  it('names mean columns, then std columns under pool=mean_std', () => {
    expect(mfccSet.columns({})).toEqual(Array.from({ length: 20 }, (_, k) => `mfcc${k + 1}_mean`));
    const cols = mfccSet.columns({ n_mfcc: 13, pool: 'mean_std' });
    expect(cols.length).toBe(26);
    expect([cols[0], cols[12], cols[13], cols[25]]).toEqual(['mfcc1_mean', 'mfcc13_mean', 'mfcc1_std', 'mfcc13_std']);
  });

  it('reads librosa-named params, from numbers or command-line strings', () => {
    expect(mfccSetParams({ n_fft: '512', hop_length: 160, win_length: 400, top_db: 'none' })).toMatchObject({
      nFft: 512, hopLength: 160, winLength: 400, topDb: null, nMels: 128, fmaxHz: 8000, sampleRateHz: 16000, pool: 'mean',
    });
    expect(mfccSetParams({ n_fft: 1024 }).winLength).toBe(1024);
  });

  it('rejects unknown or impossible params with a RangeError naming them', () => {
    expect(() => mfccSet.columns({ n_mfc: 13 })).toThrow(/unknown param 'n_mfc'/);
    expect(() => mfccSetParams({ n_fft: 500 })).toThrow(/power of two/);
    expect(() => mfccSetParams({ win_length: 4096 })).toThrow(/win_length/);
    expect(() => mfccSetParams({ pool: 'max' })).toThrow(/pool/);
    expect(() => mfccSetParams({ fmax: 12000 })).toThrow(/fmax/);
    expect(() => mfccSetParams({ n_mfcc: 0 })).toThrow(/n_mfcc/);
  });

  it('extracts a row per clip, resampling to the set rate, and never a zero vector for a bad clip', async () => {
    const extractor = await mfccSet.open({ pool: 'mean_std' });
    expect(extractor.parallelizable).toBe(true);
    const rows = await extractor.extractBatch([
      { samples: tone(16000, 0.4), sampleRateHz: 16000 },
      { samples: tone(44100, 0.4), sampleRateHz: 44100 },
      { samples: new Float32Array(0), sampleRateHz: 16000 },
      { samples: Float32Array.from([0, NaN, 0]), sampleRateHz: 16000 },
      { samples: tone(16000, 0.002), sampleRateHz: 16000 },
    ]);
    expect(rows.map((r) => r.ok)).toEqual([true, true, false, false, true]);
    const [a, b] = rows as unknown as [{ values: Float64Array }, { values: Float64Array }];
    expect(a.values.length).toBe(40);
    // The same tone at another rate, resampled, gives nearly the same pooled MFCCs.
    for (let k = 0; k < 20; k++) expect(Math.abs(a.values[k]! - b.values[k]!)).toBeLessThan(0.1);
    expect(rows[2]).toEqual({ ok: false, reason: 'empty audio (0 samples)' });
    expect(rows[3]).toMatchObject({ ok: false, reason: expect.stringMatching(/non-finite/) });
    await extractor.close();
  });

  it('returns frames × n_mfcc with frame-centre times on request', async () => {
    const extractor = await mfccSet.open({ n_mfcc: 13, n_fft: 512, hop_length: 160, win_length: 400 });
    const [row] = await extractor.extractBatch([{ samples: tone(16000, 0.5), sampleRateHz: 16000 }], { frames: true });
    if (row === undefined || !row.ok || row.frames === undefined) throw new Error('expected frames');
    expect(row.frames.columns).toEqual(Array.from({ length: 13 }, (_, k) => `mfcc${k + 1}`));
    expect(row.frames.rows.length).toBe(1 + Math.floor(8000 / 160));
    expect(row.frames.rows[0]!.length).toBe(13);
    expect(row.frames.timesSeconds[2]).toBeCloseTo(0.02, 12);
    // The pooled mean is the mean of the frames.
    const mean0 = row.frames.rows.reduce((s, r) => s + r[0]!, 0) / row.frames.rows.length;
    expect(row.values[0]).toBeCloseTo(mean0, 9);
  });
});
