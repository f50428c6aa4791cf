// `pipe predict`'s library: sliding-window pre-labels as JSON and CSV, and the default model's resolution.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../audio/wav-encode.js';
import { toneClip, writeTinyBundle } from '../../test/support/tiny-bundle.js';
import { listInputFiles } from '../features/index.js';
import { Rng } from '../ml/index.js';
import { NO_MODEL_MESSAGE, prelabelFiles, resolveModelDir, writePrelabels } from './index.js';

let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'pipe-prelabel-'));
  await writeTinyBundle(join(tmp, 'results', 'models', 'mfcc'));
  await mkdir(join(tmp, 'wavs', 'day1'), { recursive: true });
  const rng = new Rng(2);
  await writeFile(join(tmp, 'wavs', 'day1', 'long.wav'), encodeWav(toneClip(300, 1.3, rng).samples, { sampleRateHz: 16000 }));
  await writeFile(join(tmp, 'wavs', 'short.wav'), encodeWav(toneClip(1200, 0.3, rng).samples, { sampleRateHz: 16000 }));
  await writeFile(join(tmp, 'wavs', 'broken.wav'), 'not audio');
});
afterAll(async () => rm(tmp, { recursive: true, force: true }));

describe('prelabelFiles', () => {
  it('labels sliding windows of every file and reports undecodable ones', async () => {
    const inputs = listInputFiles([join(tmp, 'wavs')]);
    const result = await prelabelFiles(inputs, { modelDir: join(tmp, 'results', 'models', 'mfcc'), windowS: 0.4, hopS: 0.2, workers: 1 });
    expect(result.failures).toEqual([expect.stringMatching(/broken\.wav: not a WAV file/)]);
    const long = result.segments.filter((s) => s.audio_file.endsWith('long.wav'));
    // Windows start every 0.2 s while a full 0.4 s fits (0 … 0.8), then the last 0.3 s (≥ half a window).
    expect(long.map((s) => [s.start_seconds, s.end_seconds])).toEqual([[0, 0.4], [0.2, 0.6], [0.4, 0.8], [0.6, 1], [0.8, 1.2], [1, 1.3]]);
    const short = result.segments.filter((s) => s.audio_file.endsWith('short.wav'));
    expect(short.map((s) => [s.start_seconds, s.end_seconds])).toEqual([[0, 0.3]]);
    for (const s of result.segments) {
      expect(s.probability).toBe(s.probabilities[s.label]);
      expect(Math.max(...Object.values(s.probabilities))).toBe(s.probability);
    }

    await writePrelabels(join(tmp, 'pre.json'), result);
    const json = JSON.parse(await readFile(join(tmp, 'pre.json'), 'utf8')) as unknown[];
    expect(json).toHaveLength(result.segments.length);
    expect(Object.keys(json[0] as object)).toEqual(['audio_file', 'start_seconds', 'end_seconds', 'label', 'probability', 'probabilities']);
    await writePrelabels(join(tmp, 'pre.csv'), result);
    const csv = (await readFile(join(tmp, 'pre.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toBe('audio_file,start_seconds,end_seconds,label,probability,p_Canonical,p_Crying,p_Junk,p_Laughing,p_Non-canonical');
    expect(csv).toHaveLength(result.segments.length + 1);
  });
});

describe('resolveModelDir', () => {
  it('prefers --model, then results/best_model.json, else says how to get a model', async () => {
    expect(resolveModelDir('some/dir', tmp)).toEqual({ ok: true, dir: join(process.cwd(), 'some/dir') });
    expect(resolveModelDir(undefined, tmp)).toEqual({ ok: false, message: NO_MODEL_MESSAGE });
    await writeFile(join(tmp, 'results', 'best_model.json'), JSON.stringify({ feature_set: 'mfcc', model_dir: 'results/models/mfcc' }));
    expect(resolveModelDir(undefined, tmp)).toEqual({ ok: true, dir: join(tmp, 'results', 'models', 'mfcc') });
    await writeFile(join(tmp, 'results', 'best_model.json'), '{"feature_set": 3}');
    const bad = resolveModelDir(undefined, tmp);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/best_model\.json: expected/);
  });
});
