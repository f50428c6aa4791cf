import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { FeatureInputError } from './feature-input-error.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFeatures, FeatureFileError, FeatureSetOpenError } from './extract.js';

const AUDIO = join(import.meta.dirname, '../../test/fixtures/reference/audio');
const GOOD = ['tone_440', 'short_50ms', 'fmt_stereo_44k', 'vowel_infant_380', 'babble_espeak', 'fmt_pcm16_8k', 'cry_like', 'noise_white', 'laugh_like', 'silence_click'];

/** A folder with the good reference files and two broken ones (made here): empty and truncated. */
function inputs(): { dir: string; files: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-extract-'));
  const files = GOOD.map((name) => {
    copyFileSync(join(AUDIO, `${name}.wav`), join(dir, `${name}.wav`));
    return join(dir, `${name}.wav`);
  });
  writeFileSync(join(dir, 'empty.wav'), '');
  writeFileSync(join(dir, 'truncated.wav'), readFileSync(join(AUDIO, 'tone_440.wav')).subarray(0, 300));
  return { dir, files };
}

describe('extractFeatures', () => {
  it('gives the same rows in input order with 1 and 2 workers', async () => {
    const { files } = inputs();
    const one = await extractFeatures({ set: 'mfcc', params: { pool: 'mean_std' }, files, workers: 1 });
    const two = await extractFeatures({ set: 'mfcc', params: { pool: 'mean_std' }, files, workers: 2 });
    expect(one.columns.length).toBe(40);
    expect(one.rows.map((r) => r.name)).toEqual(files);
    expect(two.rows).toEqual(one.rows);
  });

  it("'fail' rejects naming the first broken file in input order", async () => {
    const { dir, files } = inputs();
    const all = [...files.slice(0, 3), join(dir, 'truncated.wav'), ...files.slice(3), join(dir, 'empty.wav')];
    for (const workers of [1, 2]) {
      const error = await extractFeatures({ set: 'mfcc', files: all, workers }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FeatureFileError);
      expect((error as Error).message).toMatch(/truncated\.wav: truncated: data chunk declares/);
    }
  });

  it("'skip' keeps every row, failed ones with their reason, and reports progress", async () => {
    const { dir, files } = inputs();
    const all = [join(dir, 'empty.wav'), ...files, join(dir, 'truncated.wav')];
    const progress: number[] = [];
    const result = await extractFeatures({ set: 'mfcc', files: all, workers: 2, onError: 'skip', onProgress: (done) => progress.push(done) });
    expect(result.rows.map((r) => r.ok)).toEqual([false, ...files.map(() => true), false]);
    expect(result.rows[0]).toMatchObject({ ok: false, reason: 'empty file' });
    expect(progress.at(-1)).toBe(all.length);
  });

  it('reports a set that cannot be opened or an unknown set', async () => {
    await expect(extractFeatures({ set: 'nope', files: [] })).rejects.toThrow(/unknown feature set 'nope'/);
    await expect(extractFeatures({ set: 'mfcc', params: { n_mfcc: 'x' }, files: [] })).rejects.toThrow(FeatureInputError);
    void FeatureSetOpenError;
  });
});
