// The `logmel` feature set: torchaudio-parity frames through `pipe features logmel --frames DIR` (the built CLI).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../util/csv.js';

const ROOT = resolve(import.meta.dirname, '../..');
const AUDIO = join(ROOT, 'test/fixtures/reference/burst/audio');
const reference = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/reference/burst/logmel.json'), 'utf8')) as { files: Record<string, { logmel_std: number[][] }> };
const out = mkdtempSync(join(tmpdir(), 'logmel-set-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('pipe features logmel', () => {
  it('writes one row per file and frames × 64 per file matching torchaudio', () => {
    const files = ['b_22050_0.wav', 'h_16000_5.wav'].map((f) => join(AUDIO, f));
    execFileSync('node', [join(ROOT, 'bin/pipe.js'), 'features', 'logmel', ...files, '-o', join(out, 'logmel.csv'), '--frames', join(out, 'frames'), '-j', '1', '--no-progress'], { encoding: 'utf8' });
    const table = parseCsv(readFileSync(join(out, 'logmel.csv'), 'utf8'));
    expect(table.rows).toHaveLength(2);
    expect(table.header).toContain('logmel64_mean');
    for (const name of ['b_22050_0', 'h_16000_5']) {
      const frames = parseCsv(readFileSync(join(out, 'frames', `${name}.csv`), 'utf8'));
      const ref = reference.files[`${name}.wav`]!.logmel_std;
      expect(frames.header).toEqual(['frame_time_s', ...Array.from({ length: 64 }, (_, m) => `logmel${m + 1}`)]);
      expect(frames.rows).toHaveLength(ref.length);
      let maxAbs = 0;
      frames.rows.forEach((row, t) => row.slice(1).forEach((v, m) => (maxAbs = Math.max(maxAbs, Math.abs(Number(v) - ref[t]![m]!)))));
      expect(maxAbs).toBeLessThan(1e-4);
    }
  });
});
