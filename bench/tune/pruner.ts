// Pruning benchmark: the demo's tune stage for each feature set with tuning.pruner none / median /
// successive_halving, each followed by the train and evaluate stages on the best trial, so the table shows the
// time pruning saves (wall and CPU of the tune stage) beside its effect on UAR (best valid UAR, and the test UAR of
// the model trained with the best params and rounds). Runs the built stages (dist/: `npx tsc -p tsconfig.json`
// first) in a scratch project per run that shares the features of `--root` (default: this checkout, after
// `npx pipe repro featurize`). Run: node dist/bench/tune/pruner.js [--root DIR] [--sets mfcc,egemaps]
// [--pruners none,median,successive_halving] [--pruner '{type: median, n_warmup_steps: 50}']… [--trials N].
// Wall times on a shared machine are noisy: the load is printed.
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { argValue, timeCommand, type Timing } from '../lib/cli-timing.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = resolve(here, here.includes('/dist/bench/') ? '../../..' : '../..');
const dist = join(repo, 'dist');
const root = resolve(argValue('--root') ?? process.cwd());
const sets = (argValue('--sets') ?? 'mfcc,egemaps').split(',');
/** `--pruners a,b` (names), plus each `--pruner '{type: median, n_warmup_steps: 50}'` (a YAML mapping). */
const mappings = process.argv.slice(2).flatMap((a, i, all) => (a === '--pruner' && all[i + 1] !== undefined ? [all[i + 1]!] : []));
const pruners: string[] = [...(argValue('--pruners') ?? (mappings.length > 0 ? '' : 'none,median,successive_halving')).split(',').filter((p) => p !== ''), ...mappings];
const trials = argValue('--trials');

interface Row {
  set: string;
  pruner: string;
  tune: Timing;
  pruned: number;
  total: number;
  validUar: number;
  testUar: number;
  rounds: number | null;
}

/** A scratch project: root's params.yaml with the pruner (and trial count) set, root's features linked. */
function scratchProject(pruner: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-bench-pruner-'));
  const params = parse(readFileSync(join(root, 'params.yaml'), 'utf8')) as { tuning: Record<string, unknown> };
  params.tuning['pruner'] = parse(pruner) as unknown;
  if (trials !== undefined) params.tuning['n_trials'] = Number(trials);
  writeFileSync(join(dir, 'params.yaml'), stringify(params));
  mkdirSync(join(dir, 'data'));
  symlinkSync(join(root, 'data/features'), join(dir, 'data/features'));
  return dir;
}

/** Tunes, trains and evaluates one set with one pruner; returns its row. */
function runOne(set: string, pruner: string): Row {
  const dir = scratchProject(pruner);
  try {
    const tune = timeCommand(dir, process.execPath, [join(dist, 'stages/tune.js'), set]);
    timeCommand(dir, process.execPath, [join(dist, 'stages/train.js'), set]);
    timeCommand(dir, process.execPath, [join(dist, 'stages/evaluate.js'), set]);
    const states = readFileSync(join(dir, `results/tuning/${set}/trials.csv`), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[1]);
    const best = JSON.parse(readFileSync(join(dir, `results/tuning/${set}/best_params.json`), 'utf8')) as { uar_valid: number; rounds: number | null };
    const metrics = JSON.parse(readFileSync(join(dir, `results/metrics/${set}.json`), 'utf8')) as { test: { uar: number } };
    return { set, pruner, tune, pruned: states.filter((s) => s === 'pruned').length, total: states.length, validUar: best.uar_valid, testUar: metrics.test.uar, rounds: best.rounds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!existsSync(join(dist, 'stages/tune.js'))) throw new Error(`${dist}/stages/tune.js: not built (run npx tsc -p tsconfig.json)`);
for (const set of sets) {
  if (!existsSync(join(root, `data/features/${set}`))) throw new Error(`${root}/data/features/${set}: missing (run npx pipe repro featurize)`);
}
const load = (): string => execSync('uptime', { encoding: 'utf8' }).trim().replace(/^.*load average:\s*/, '');
console.log(`pruner bench: ${sets.join(', ')} × ${pruners.join(', ')}; features of ${root}; load before: ${load()}`);
const rows: Row[] = [];
for (const set of sets) {
  for (const pruner of pruners) {
    const row = runOne(set, pruner);
    rows.push(row);
    console.log(`  ${set} ${pruner}: tune ${row.tune.wall.toFixed(1)} s wall, ${row.tune.cpu?.toFixed(1) ?? '?'} s CPU, ${row.pruned}/${row.total} pruned, load ${load()}`);
  }
}
console.log(`load after: ${load()}\n`);
console.log('| set | pruner | tune wall s | tune CPU s | vs none (wall) | trials pruned | best valid UAR | rounds | test UAR |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const none = rows.find((x) => x.set === r.set && x.pruner === 'none');
  const speed = none !== undefined && r !== none ? `${(none.tune.wall / r.tune.wall).toFixed(2)}×` : '';
  console.log(`| ${r.set} | ${r.pruner} | ${r.tune.wall.toFixed(1)} | ${r.tune.cpu?.toFixed(1) ?? '?'} | ${speed} | ${r.pruned}/${r.total} | ` +
    `${r.validUar.toFixed(4)} | ${r.rounds ?? ''} | ${r.testUar.toFixed(4)} |`);
}
