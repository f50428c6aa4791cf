// The research pipeline (the repo's pipeline.yaml with its `resources:` blocks) on a tiny corpus through the
// real local Slurm, against a local run of the same project: the same pipeline.lock, byte for byte. The
// cluster params are shrunk to fit the one small test node.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { slurmUnavailable, submissions, warnSkipped } from './cluster.js';

const ROOT = resolve(import.meta.dirname, '../..');
const PIPE = join(ROOT, 'bin/pipe.js');
const unavailable = slurmUnavailable();
warnSkipped('research pipeline through Slurm', unavailable);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A temp copy of the project with a tiny corpus (as test/pipeline/pipeline-e2e.test.ts) and a small node's resources. */
function makeProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-slurm-e2e-'));
  dirs.push(dir);
  for (const entry of ['pipeline.yaml', 'schema.yaml', 'stages', 'src', 'package.json', 'tsconfig.json']) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const params = parseDocument(readFileSync(join(ROOT, 'params.yaml'), 'utf8'));
  const set: [string[], unknown][] = [
    [['synthesize', 'n_clips'], 60], [['synthesize', 'n_children'], 12], [['synthesize', 'label_noise'], 0],
    [['tuning', 'n_trials'], 2], [['tuning', 'n_startup_trials'], 1], [['tuning', 'concurrency'], 1],
    [['tuning', 'space', 'n_estimators', 'high'], 120], [['tuning', 'space', 'max_depth', 'high'], 4], [['features', 'workers'], 1],
    [['cluster', 'featurize_cpus'], 1], [['cluster', 'featurize_mem'], '2G'], [['cluster', 'tune_mem'], '2G'], [['cluster', 'train_cpus'], 1],
  ];
  for (const [key, value] of set) params.setIn(key, value);
  writeFileSync(join(dir, 'params.yaml'), params.toString());
  return dir;
}

function pipe(dir: string, ...args: string[]): string {
  return execFileSync('node', [PIPE, ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe.skipIf(unavailable !== undefined)('research pipeline through Slurm', () => {
  it('gives the lock of a local run; foreach items go out as arrays; aggregate stays local', () => {
    const onSlurm = makeProject();
    const local = makeProject();
    const out = pipe(onSlurm, 'repro', '--executor', 'slurm', '-j', '2');
    expect(out).toContain("Stage 'aggregate' finished");
    pipe(local, 'repro', '-j', '2');
    expect(readFileSync(join(onSlurm, 'pipeline.lock'), 'utf8')).toBe(readFileSync(join(local, 'pipeline.lock'), 'utf8'));
    const scripts = [...submissions(onSlurm).values()];
    // the featurize items become ready together (after validate): one array; later items follow their own upstream
    expect(scripts.filter((s) => s.includes("'--job-name=featurize'") && s.includes("'--array=0-1%2'"))).toHaveLength(1);
    expect(scripts.some((s) => s.includes("'--job-name=aggregate'"))).toBe(false);
    expect(pipe(onSlurm, 'status')).toContain('Pipeline is up to date');
  }, 900_000);
});
