// `pipe exp show` with 200 recorded experiments: builds a temp git project, writes 200 experiment commits under
// refs/exps/ (one `git fast-import`, records shaped as `pipe exp run` writes them: 12 params, 8 metrics, and a
// pipeline.lock of 3 stages / 8 deps, one of which differs in every third experiment, for the Changed deps
// column), then times `pipe exp show` (table, --json, --sort-by, --filter), printing wall and CPU time (user + sys,
// from /usr/bin/time) and the load.
// Run: npx tsc -p tsconfig.json && node --import tsx bench/exp/show.ts [count]
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PIPE_BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/pipe.js');
const COUNT = Number(process.argv[2] ?? 200);
const RUNS = 5;

const hash = (s: string): string => createHash('md5').update(s).digest('hex');
const depHash = (p: string, variant: string): string => hash(p + (p === 'features.npy' ? variant : ''));

/** A 3-stage lock with 8 deps; `variant` changes the hash of features.npy. */
function lockText(variant: string): string {
  const rec = (p: string, h: string): string => `      - path: ${p}\n        xxh128: ${h}\n        size: 100\n`;
  const stage = (name: string, deps: string[], out: string): string =>
    `  ${name}:\n    cmd: python ${name}.py\n    deps:\n${deps.map((d) => rec(d, depHash(d, variant))).join('')}    outs:\n${rec(out, depHash(out, variant))}`;
  return `schema: pipe-1\nstages:\n${stage('prep', ['data.csv', 'prep.py'], 'clean.csv')}${stage('features', ['clean.csv', 'features.py', 'config.json'], 'features.npy')}${stage('train', ['features.npy', 'train.py', 'labels.csv'], 'model.bin')}`;
}

const DEPS = ['data.csv', 'prep.py', 'clean.csv', 'features.py', 'config.json', 'features.npy', 'train.py', 'labels.csv'];

const dir = mkdtempSync(path.join(tmpdir(), 'pipe-bench-exp-'));
try {
  const params = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`p${i}`, i]));
  writeFileSync(path.join(dir, 'pipeline.lock'), lockText('same'));
  writeFileSync(path.join(dir, 'params.yaml'), Object.entries(params).map(([k, v]) => `${k}: ${v}`).join('\n') + '\n');
  writeFileSync(path.join(dir, 'pipeline.yaml'), 'stages:\n  train:\n    cmd: echo\n    params: [p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11]\n    metrics:\n      - metrics.json: {cache: false}\n');
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
  git('init', '-q');
  git('-c', 'user.name=b', '-c', 'user.email=b@b', 'add', '-A');
  git('-c', 'user.name=b', '-c', 'user.email=b@b', 'commit', '-qm', 'base');
  const base = git('rev-parse', 'HEAD').trim();
  let stream = '';
  for (let i = 0; i < COUNT; i++) {
    const p = { ...params, p0: i % 7, p1: (i * 0.01).toFixed(2), p2: i % 3 === 0 ? 'gbdt' : 'svm' };
    const metrics = Object.fromEntries(Array.from({ length: 8 }, (_, k) => [`test.m${k}`, Math.sin(i + k)]));
    const lock = lockText(i % 3 === 0 ? 'feature' : 'same');
    const deps = Object.fromEntries(DEPS.map((d) => [d, depHash(d, i % 3 === 0 ? 'feature' : 'same')]));
    const record = JSON.stringify({ name: `exp-${i}`, base, created: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), sets: [], params: { 'params.yaml': p }, metrics: { 'metrics.json': metrics }, deps, log: 'x'.repeat(2000) });
    const msg = `pipe exp: exp-${i}`;
    stream += `commit refs/exps/exp-${i}\ncommitter b <b@b> ${1767225600 + i} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}\nfrom ${base}\n`;
    stream += `M 100644 inline .pipe-exp.json\ndata ${Buffer.byteLength(record)}\n${record}\n`;
    stream += `M 100644 inline pipeline.lock\ndata ${Buffer.byteLength(lock)}\n${lock}\n\n`;
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: stream });
  const time = (args: string[]): { wall: number; cpu: number } => {
    const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S', process.execPath, PIPE_BIN, ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0) throw new Error(`pipe ${args.join(' ')} failed: ${r.stderr}`);
    const [e, u, sys] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
    return { wall: e!, cpu: u! + sys! };
  };
  console.log(`pipe exp show, ${COUNT} experiments, median of ${RUNS} runs; load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log('| command | wall s | CPU s |');
  console.log('|---|---|---|');
  for (const args of [
    ['exp', 'show'],
    ['exp', 'show', '--json'],
    ['exp', 'show', '--sort-by', 'metrics.test.m0', '--all'],
    ['exp', 'show', '--filter', 'metrics.test.m1>0', '--filter', 'params.p2=gbdt'],
  ]) {
    const runs = Array.from({ length: RUNS }, () => time(args)).sort((a, b) => a.wall - b.wall);
    const mid = runs[Math.floor(RUNS / 2)]!;
    console.log(`| pipe ${args.join(' ')} | ${mid.wall.toFixed(2)} | ${mid.cpu.toFixed(2)} |`);
  }
  const rows = (JSON.parse(execFileSync(process.execPath, [PIPE_BIN, 'exp', 'show', '--json'], { cwd: dir, encoding: 'utf8' })) as unknown[]).length;
  console.log(`rows in --json: ${rows} (workspace + ${rows - 1} experiments)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
