// End-to-end: the built `pipe serve` and `pipe predict` commands (bin/pipe.js → dist/), as a user runs them.
// `npm test` builds first; run alone, this suite builds when dist/ is missing.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../audio/wav-encode.js';
import { toneClip, writeTinyBundle } from '../../test/support/tiny-bundle.js';
import { Rng } from '../ml/index.js';

const ROOT = join(import.meta.dirname, '../..');
const PIPE = join(ROOT, 'bin/pipe.js');
let tmp: string;

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist/src/serve/predict-worker.js'))) execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT });
  tmp = await mkdtemp(join(tmpdir(), 'pipe-serve-cli-'));
  await writeTinyBundle(join(tmp, 'results', 'models', 'mfcc'));
  await writeFile(join(tmp, 'clip.wav'), encodeWav(toneClip(400, 0.9, new Rng(1)).samples, { sampleRateHz: 16000 }));
});
afterAll(async () => rm(tmp, { recursive: true, force: true }));

describe('pipe serve / pipe predict', () => {
  it('says how to get a model when there is none', () => {
    const r = spawnSync(process.execPath, [PIPE, 'serve'], { cwd: tmp, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('pipe: no model: run `pipe repro` first or pass --model DIR\n');
    const bad = spawnSync(process.execPath, [PIPE, 'serve', '--model', 'nowhere'], { cwd: tmp, encoding: 'utf8' });
    expect(bad.stderr).toBe(`pipe: ${join(tmp, 'nowhere', 'bundle.json')}: missing (is this a model bundle directory?)\n`);
  });

  it('serves the best model of the last aggregate on a free port, and stops on SIGTERM', async () => {
    await writeFile(join(tmp, 'results', 'best_model.json'), JSON.stringify({ feature_set: 'mfcc', model_dir: 'results/models/mfcc' }));
    const child = spawn(process.execPath, [PIPE, 'serve', '--port', '0', '--workers', '1', '--log', 'off'], { cwd: tmp });
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('model loaded')) resolve();
      });
      child.on('exit', () => reject(new Error(stderr)));
    });
    const url = /listening on (\S+)/.exec(stderr)?.[1];
    const form = new FormData();
    form.append('files', new Blob([await readFile(join(tmp, 'clip.wav'))]), 'clip.wav');
    const res = await fetch(`${url}/predict`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: { file_name: string; chunks: unknown[] }[] };
    expect(body.results[0]?.chunks).toHaveLength(2);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('pre-labels files to CSV', () => {
    const r = spawnSync(process.execPath, [PIPE, 'predict', 'clip.wav', '--model', 'results/models/mfcc', '-o', 'pre.csv', '--window', '0.4', '--hop', '0.4'], { cwd: tmp, encoding: 'utf8' });
    expect(r.stderr).toBe('pipe predict: 2 segments of 1 file → pre.csv\n');
    expect(r.status).toBe(0);
  });
});
