// Loading a dataset folder: the demo generator's output loads and hashes reproducibly; each bad input is one
// BurstError naming the file (and line).
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, unlinkSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBurstDataset } from './dataset.js';
import { synthParamsSchema } from './synth/synth-params.js';
import { writeDemoDataset } from './synth/write-demo-dataset.js';

const root = mkdtempSync(join(tmpdir(), 'burst-dataset-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const params = synthParamsSchema.parse({ recordings: 3, duration_s: [2, 3], class_shares: [1, 1, 1], seed: 3 });

function fresh(name: string): string {
  const dir = join(root, name);
  writeDemoDataset(dir, params);
  return dir;
}

const labelFileOf = (dir: string, stem: string): string => join(dir, readdirSync(dir).find((f) => f.startsWith(stem) && !f.endsWith('.wav'))!);

describe('loadBurstDataset', () => {
  it('loads the demo dataset: recordings at 22,050 Hz, label counts, a hash that only depends on content', () => {
    const a = loadBurstDataset(fresh('a'));
    const b = loadBurstDataset(fresh('b'));
    expect(a.recordings.map((r) => r.id)).toEqual(['rec01_room1', 'rec02_room2', 'rec03_room3']);
    expect(a.recordings.map((r) => r.sourceSampleRateHz)).toEqual([22050, 22050, 16000]);
    expect(a.hash).toBe(b.hash);
    expect(a.manifest.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
    const total = Object.values(a.labelCounts).reduce((x, y) => x + y, 0);
    expect(total).toBe(a.manifest.n_segments);
  });

  it('names a corrupt recording', () => {
    const dir = fresh('corrupt');
    writeFileSync(join(dir, 'rec02_room2.wav'), 'RIFF....WAVEjunk');
    rmSync(join(dir, 'manifest.json'));
    expect(() => loadBurstDataset(dir)).toThrow(/rec02_room2\.wav: /);
  });

  it('names a label file whose recording is missing', () => {
    const dir = fresh('missing');
    unlinkSync(join(dir, 'rec01_room1.wav'));
    expect(() => loadBurstDataset(dir)).toThrow(/rec01_room1\.txt: no recording rec01_room1\.wav beside it/);
  });

  it('names the file and line of a segment beyond the end of its recording', () => {
    const dir = fresh('beyond');
    const labels = labelFileOf(dir, 'rec03_room3');
    const lines = readFileSync(labels, 'utf8').split('\n').filter((l) => l !== '').length;
    appendFileSync(labels, '9.5\t9.9\tb\n');
    rmSync(join(dir, 'manifest.json'));
    expect(() => loadBurstDataset(dir)).toThrow(new RegExp(`rec03_room3-labels\\.txt:${lines + 1}: segment 9\\.5–9\\.9 s ends after the recording rec03_room3\\.wav`));
  });

  it('reports an unknown label (or skips it with a warning under skip) and a file changed since its manifest', () => {
    const dir = fresh('unknown');
    appendFileSync(labelFileOf(dir, 'rec01_room1'), '0.1 0.2 cough\n');
    expect(() => loadBurstDataset(dir)).toThrow(/rec01_room1\.txt: content differs from manifest\.json|rec01_room1\.txt:\d+: unknown label 'cough'/);
    rmSync(join(dir, 'manifest.json'));
    expect(() => loadBurstDataset(dir)).toThrow(/rec01_room1\.txt:\d+: unknown label 'cough'/);
    const warnings: string[] = [];
    loadBurstDataset(dir, { onProblem: 'skip', warn: (m) => warnings.push(m) });
    expect(warnings).toEqual([expect.stringMatching(/rec01_room1\.txt:\d+: unknown label 'cough'/)]);
  });
});
