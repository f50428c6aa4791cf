import { describe, expect, it } from 'vitest';
import { AudioInputError } from '../audio-input-error.js';
import { FeatureInputError } from '../../features/feature-input-error.js';
import { computeEgemaps, EGEMAPS_FUNCTIONAL_NAMES, EGEMAPS_LLD_NAMES, TOO_SHORT_REASON } from './index.js';
import { egemapsSet } from '../../features/egemaps-set.js';

/** A synthetic vowel-like pulse train at f0 Hz. */
function vowel(seconds: number, sampleRateHz: number, f0: number): Float32Array {
  const x = new Float32Array(Math.round(seconds * sampleRateHz));
  for (let i = 0; i < x.length; i++) {
    const t = i / sampleRateHz;
    let v = 0;
    for (let h = 1; h <= 10; h++) v += Math.sin(2 * Math.PI * h * f0 * t) / h;
    x[i] = 0.1 * v;
  }
  return x;
}

describe('computeEgemaps', () => {
  it('returns 88 finite functionals and 25 LLDs per 10 ms frame', () => {
    const res = computeEgemaps(vowel(0.5, 16000, 200), 16000, { lld: true });
    expect(EGEMAPS_FUNCTIONAL_NAMES).toHaveLength(88);
    expect(EGEMAPS_LLD_NAMES).toHaveLength(25);
    expect(res.functionals).toHaveLength(88);
    expect([...res.functionals!].every(Number.isFinite)).toBe(true);
    expect(res.lld!.frames).toHaveLength(Math.floor((8000 - 960) / 160) + 2);
    expect(res.lld!.frames[10]).toHaveLength(25);
    // F0 of a 200 Hz harmonic series: 12·log2(200/27.5) semitones.
    expect(res.functionals![0]).toBeCloseTo(12 * Math.log2(200 / 27.5), 0);
  });

  it('flags clips shorter than one 60 ms frame', () => {
    const res = computeEgemaps(new Float32Array(959), 16000);
    expect(res.functionals).toBeNull();
    expect(res.reason).toBe(TOO_SHORT_REASON);
    expect(computeEgemaps(new Float32Array(960), 16000).functionals).not.toBeNull();
  });

  it('rejects unusable sample rates', () => {
    expect(() => computeEgemaps(new Float32Array(1000), 0)).toThrow(AudioInputError);
  });

  it('is deterministic', () => {
    const x = vowel(0.3, 16000, 320);
    expect([...computeEgemaps(x, 16000).functionals!]).toEqual([...computeEgemaps(x, 16000).functionals!]);
  });
});

describe('egemapsSet', () => {
  it('lists the 88 columns and extracts rows, flagging too-short clips', async () => {
    expect(egemapsSet.columns({})).toEqual([...EGEMAPS_FUNCTIONAL_NAMES]);
    expect(() => egemapsSet.columns({ nBands: 3 })).toThrow(FeatureInputError);
    const ex = await egemapsSet.open({});
    expect(ex.parallelizable).toBe(true);
    const rows = await ex.extractBatch([
      { samples: vowel(0.4, 16000, 150), sampleRateHz: 16000 },
      { samples: new Float32Array(800), sampleRateHz: 16000 },
    ]);
    expect(rows[0]!.ok).toBe(true);
    expect(rows[1]).toEqual({ ok: false, reason: 'shorter than one 60 ms frame' });
    await ex.close();
  });
});
