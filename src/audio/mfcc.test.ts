import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mfcc, type MfccOptions } from './mfcc.js';
import { poolFrames } from './pool-frames.js';
import { resample } from './resample.js';
import { decodeWavFile } from './wav-decode.js';

// librosa 0.11.0 MFCC statistics of the reference audio (test/fixtures/reference/PROVENANCE.md): per file, the frame
// count then 20 means and 20 population stds; files not at 16 kHz were resampled by soxr "HQ".
const FIXTURES = join(import.meta.dirname, '../../test/fixtures/reference');

interface ReferenceRow {
  readonly file: string;
  readonly frames: number;
  readonly meanStd: number[];
}

function readReference(csv: string): ReferenceRow[] {
  const [header, ...lines] = readFileSync(join(FIXTURES, csv), 'utf8').trim().split('\n');
  expect(header?.split(',').slice(0, 4)).toEqual(['file', 'n_frames', 'mfcc0_mean', 'mfcc1_mean']);
  return lines.map((line) => {
    const [file, frames, ...values] = line.split(',');
    return { file: file!, frames: Number(frames), meanStd: values.map(Number) };
  });
}

function maxAbsError(got: Float64Array, want: number[]): number {
  expect(got.length).toBe(want.length);
  return Math.max(...want.map((w, i) => Math.abs(got[i]! - w)));
}

const PARAMETER_SETS: [string, Partial<MfccOptions>][] = [
  ['mfcc_librosa_default.csv', {}],
  ['mfcc_librosa_512_160_400.csv', { nFft: 512, hopLength: 160, winLength: 400 }],
];

describe.each(PARAMETER_SETS)('mfcc against librosa (%s)', (csv, options) => {
  const rows = readReference(csv);

  it('covers every reference file', () => {
    expect(rows.length).toBe(17);
  });

  it.each(rows.map((r) => [r.file, r] as const))('%s', (_, row) => {
    const wav = decodeWavFile(join(FIXTURES, 'audio', row.file));
    const at16k = wav.sampleRateHz === 16000;
    const samples = at16k ? wav.samples : resample(wav.samples, wav.sampleRateHz, 16000);
    const frames = mfcc(samples, { sampleRateHz: 16000, ...options });
    expect(frames.frames).toBe(row.frames);
    expect(frames.cols).toBe(20);
    // Files librosa read at 16 kHz: float64 vs float32 arithmetic only. Resampled ones: our resampler vs soxr.
    expect(maxAbsError(poolFrames(frames, 'mean_std'), row.meanStd)).toBeLessThan(at16k ? 1e-3 : 0.05);
  });
});

describe('mfcc properties', () => {
  const tone = Float32Array.from({ length: 8000 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / 16000));

  it('gives 1 + ⌊n / hop⌋ centred frames, even for a clip shorter than one FFT', () => {
    expect(mfcc(tone, { sampleRateHz: 16000 }).frames).toBe(1 + Math.floor(8000 / 512));
    expect(mfcc(tone.subarray(0, 100), { sampleRateHz: 16000 }).frames).toBe(1);
    expect(mfcc(tone, { sampleRateHz: 16000, nMfcc: 13, hopLength: 160, nFft: 512, winLength: 400 }).cols).toBe(13);
  });

  it('is invariant to gain up to the c0 offset when top_db does not clip', () => {
    const a = mfcc(tone, { sampleRateHz: 16000, topDb: null });
    const b = mfcc(tone.map((x) => x * 0.1), { sampleRateHz: 16000, topDb: null });
    // −20 dB on every mel band shifts c0 by −20·√128 (DCT-II ortho of a constant) and leaves the others unchanged.
    expect(b.data[0]! - a.data[0]!).toBeCloseTo(-20 * Math.sqrt(128), 3);
    for (let k = 1; k < 20; k++) expect(b.data[k]!).toBeCloseTo(a.data[k]!, 3);
  });

  it('floors silence at the amin of −100 dB', () => {
    const silent = mfcc(new Float32Array(4000), { sampleRateHz: 16000 });
    expect(silent.data[0]).toBeCloseTo(-100 * Math.sqrt(128), 6);
    expect(Math.abs(silent.data[1]!)).toBeLessThan(1e-9);
  });

  it('rejects an empty signal and impossible options', () => {
    expect(() => mfcc(new Float32Array(0), { sampleRateHz: 16000 })).toThrow(RangeError);
    expect(() => mfcc(tone, { sampleRateHz: 16000, nMfcc: 200 })).toThrow(RangeError);
    expect(() => mfcc(tone, { sampleRateHz: 16000, fmaxHz: 9000 })).toThrow(RangeError);
    expect(() => mfcc(tone, { sampleRateHz: 16000, nFft: 500 })).toThrow(RangeError);
  });
});
