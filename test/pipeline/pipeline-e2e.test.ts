// The research pipeline end to end on a tiny demo corpus, in a temp copy of the project, through the real CLI:
// a full run, a no-op rerun, a params edit that reruns only what it touches, and byte-identical results across
// two clean runs, one whose stages start from the built dist/ (stages/run.mjs's fast path) and one without dist/
// (stages from their TypeScript sources).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');
const PIPE = join(ROOT, 'bin/pipe.js');
const dirs: string[] = [];

/** A temp project: the repo's pipeline, stages, sources and (unless `fromSources`) build, with params shrunk to a
 * few dozen clips. */
function makeProject(fromSources = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-e2e-'));
  dirs.push(dir);
  for (const entry of ['pipeline.yaml', 'schema.yaml', 'stages', 'src', 'package.json', 'tsconfig.json']) {
    cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  }
  if (!fromSources && existsSync(join(ROOT, 'dist'))) cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true, filter: (path) => !path.includes('.stage-launch') });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const params = parseDocument(readFileSync(join(ROOT, 'params.yaml'), 'utf8'));
  params.setIn(['synthesize', 'n_clips'], 90);
  params.setIn(['synthesize', 'n_children'], 12);
  params.setIn(['synthesize', 'label_noise'], 0);
  params.setIn(['tuning', 'n_trials'], 2);
  params.setIn(['tuning', 'n_startup_trials'], 1);
  params.setIn(['tuning', 'concurrency'], 1);
  params.setIn(['tuning', 'space', 'n_estimators', 'high'], 120);
  params.setIn(['tuning', 'space', 'max_depth', 'high'], 4);
  params.setIn(['features', 'workers'], 1);
  writeFileSync(join(dir, 'params.yaml'), params.toString());
  return dir;
}

function pipe(dir: string, ...args: string[]): string {
  return execFileSync('node', [PIPE, ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Stage names that ran, from repro's output. */
function ranStages(output: string): string[] {
  return [...output.matchAll(/Running stage '([^']+)'/g)].map((m) => m[1]!).sort();
}

describe('research pipeline on a tiny corpus', () => {
  let first: string;
  let firstOutput: string;

  beforeAll(() => {
    first = makeProject();
    firstOutput = pipe(first, 'repro');
  }, 600_000);

  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('runs every stage and writes the results table, report and figures', () => {
    expect(ranStages(firstOutput)).toEqual([
      'aggregate', 'evaluate@egemaps', 'evaluate@mfcc', 'featurize@egemaps', 'featurize@mfcc', 'ingest',
      'synthesize', 'train@egemaps', 'train@mfcc', 'tune@egemaps', 'tune@mfcc', 'validate',
    ]);
    const summary = readFileSync(join(first, 'results/results_summary.csv'), 'utf8').trim().split('\n');
    expect(summary[0]).toBe('feature_set,split,uar,macro_f1,weighted_f1,macro_precision,macro_recall,accuracy,n_clips');
    expect(summary).toHaveLength(1 + 2 * 2);
    const uars = summary.slice(1).map((line) => Number(line.split(',')[2]));
    expect(uars).toEqual([...uars].sort((a, b) => b - a));
    for (const uar of uars) expect(uar).toBeGreaterThan(0.2); // better than chance (0.2) on 5 classes
    expect(readFileSync(join(first, 'results/report.md'), 'utf8')).toMatch(/^# Infant vocalization classification/);
    expect(readFileSync(join(first, 'results/figures/uar_comparison.png')).subarray(1, 4).toString()).toBe('PNG');
    const bundle = JSON.parse(readFileSync(join(first, 'results/models/egemaps/bundle.json'), 'utf8')) as { feature_set: string };
    expect(bundle.feature_set).toBe('egemaps');
  });

  it('is a no-op when nothing changed', () => {
    expect(ranStages(pipe(first, 'repro'))).toEqual([]);
  });

  it('reruns only tune, train, evaluate and aggregate when tuning.n_trials changes', () => {
    const path = join(first, 'params.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('n_trials: 2', 'n_trials: 3'));
    expect(pipe(first, 'status')).toMatch(/tuning\.n_trials.*2 → 3/);
    // Tune and train rerun; evaluate and aggregate rerun only where the model actually changed (a third trial
    // that is not better leaves the model byte-identical, and the engine then skips its evaluation).
    const ran = ranStages(pipe(first, 'repro'));
    expect(ran).toEqual(expect.arrayContaining(['train@egemaps', 'train@mfcc', 'tune@egemaps', 'tune@mfcc']));
    for (const stage of ran) expect(stage).toMatch(/^(tune|train|evaluate)@|^aggregate$/);
  }, 600_000);

  it('reruns only the mfcc branch when an MFCC param changes', () => {
    const path = join(first, 'params.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('hop_length: 160', 'hop_length: 200'));
    expect(ranStages(pipe(first, 'repro'))).toEqual(['aggregate', 'evaluate@mfcc', 'featurize@mfcc', 'train@mfcc', 'tune@mfcc']);
  }, 600_000);

  it('produces byte-identical results tables in two clean runs, from dist/ and from sources', () => {
    const second = makeProject();
    pipe(second, 'repro');
    const copy = makeProject(true);
    pipe(copy, 'repro');
    for (const file of ['results/results_summary.csv', 'results/per_class_f1.csv', 'results/report.md', 'results/models/mfcc/model.json']) {
      expect(readFileSync(join(second, file), 'utf8'), file).toBe(readFileSync(join(copy, file), 'utf8'));
    }
  }, 900_000);
});
