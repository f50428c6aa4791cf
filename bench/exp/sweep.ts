// A 6-point sweep of the demo's tuning params (tuning.n_trials × tuning.smote_k) three ways: one after another in
// the workspace (edit params.yaml, `pipe repro`), `pipe exp run -j 1`, and `pipe exp run -j 2` — wall time and
// CPU time (user + sys of the whole process tree, from /usr/bin/time) side by side, on a temp git copy of the
// project whose upstream stages (synthesize … featurize) ran once first and are restored from the shared cache.
// Usage: npx tsc -p tsconfig.json && node --import tsx bench/exp/sweep.ts [--clips 600] [--trials 6,8]
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');
const PIPE = join(ROOT, 'bin/pipe.js');
const argv = process.argv.slice(2);
const arg = (name: string, fallback: string): string => argv[argv.indexOf(name) + 1] !== undefined && argv.includes(name) ? argv[argv.indexOf(name) + 1]! : fallback;
const CLIPS = Number(arg('--clips', '600'));
const TRIALS = arg('--trials', '6,8').split(',').map(Number);
const SMOTE_K = [3, 4, 5];

function makeProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-bench-sweep-'));
  for (const entry of ['pipeline.yaml', 'schema.yaml', 'stages', 'src', 'package.json', 'tsconfig.json', '.gitignore']) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const params = parseDocument(readFileSync(join(ROOT, 'params.yaml'), 'utf8'));
  params.setIn(['synthesize', 'n_clips'], CLIPS);
  writeFileSync(join(dir, 'params.yaml'), params.toString());
  const git = (...a: string[]): string => execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=b@b', ...a], { cwd: dir, encoding: 'utf8' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'base');
  return dir;
}

/** Runs `node args` in dir under /usr/bin/time; wall and CPU seconds. */
function timed(dir: string, args: readonly string[]): { wallS: number; cpuS: number } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S', process.execPath, PIPE, ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`pipe ${args.join(' ')} failed:\n${r.stderr.slice(-2000)}`);
  const [e, u, s] = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  return { wallS: e!, cpuS: u! + s! };
}

function setParams(dir: string, trials: number, k: number, seed: number): void {
  const doc = parseDocument(readFileSync(join(dir, 'params.yaml'), 'utf8'));
  doc.setIn(['tuning', 'seed'], seed);
  doc.setIn(['tuning', 'n_trials'], trials);
  doc.setIn(['tuning', 'smote_k'], k);
  writeFileSync(join(dir, 'params.yaml'), doc.toString());
}

const dir = makeProject();
try {
  const base = timed(dir, ['repro']);
  const original = readFileSync(join(dir, 'params.yaml'), 'utf8');
  let seq = { wallS: 0, cpuS: 0 };
  for (const t of TRIALS) for (const k of SMOTE_K) {
    setParams(dir, t, k, 101);
    const r = timed(dir, ['repro']);
    seq = { wallS: seq.wallS + r.wallS, cpuS: seq.cpuS + r.cpuS };
  }
  writeFileSync(join(dir, 'params.yaml'), original);
  timed(dir, ['repro']); // back to the base outputs (restored from the run-cache)
  const sweep = ['-S', `tuning.n_trials=${TRIALS.join(',')}`, '-S', `tuning.smote_k=${SMOTE_K.join(',')}`];
  // Each mode uses its own tuning.seed, so no mode restores another's tune/train/evaluate results from the shared
  // run-cache, while the upstream stages (which do not track the seed) are restored in every mode.
  const results: [string, { wallS: number; cpuS: number }][] = [['one after another in the workspace', seq]];
  for (const jobs of [1, 2]) {
    const seed = ['-S', `tuning.seed=${101 + jobs}`];
    results.push([`pipe exp run -j ${jobs}`, timed(dir, ['exp', 'run', ...sweep, ...seed, '-n', `j${jobs}`, '-j', String(jobs)])]);
  }
  console.log(`6-point sweep (tuning.n_trials ${TRIALS.join('/')} × smote_k ${SMOTE_K.join('/')}), ${CLIPS} clips; base repro ${base.wallS.toFixed(0)} s; load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log('| mode | wall s | CPU s |\n|---|---:|---:|');
  for (const [name, r] of results) console.log(`| ${name} | ${r.wallS.toFixed(1)} | ${r.cpuS.toFixed(1)} |`);
} finally {
  if (!argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
}
