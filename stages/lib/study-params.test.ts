// params.yaml is checked once, with the libraries' own schemas, and a bad value names its full key path.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { featureSetParams, loadStudyParams, tuningPruner } from './study-params.js';

const REPO_PARAMS = resolve(import.meta.dirname, '../../params.yaml');
const dir = mkdtempSync(join(tmpdir(), 'pipe-study-params-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes the repository's params.yaml with `edit` applied and returns the file's path. */
function paramsWith(edit: (doc: Record<string, Record<string, unknown>>) => void): string {
  const doc = parse(readFileSync(REPO_PARAMS, 'utf8')) as Record<string, Record<string, unknown>>;
  edit(doc);
  const file = join(dir, 'params.yaml');
  writeFileSync(file, stringify(doc));
  return file;
}

function errorOf(file: string): string {
  try {
    loadStudyParams(file);
  } catch (error) {
    return (error as Error).message.slice(file.length);
  }
  throw new Error('expected loadStudyParams to fail');
}

describe('loadStudyParams', () => {
  it('accepts the repository params.yaml and gives each set its section without nulls', () => {
    const params = loadStudyParams(REPO_PARAMS);
    expect(featureSetParams(params, 'mfcc')).toEqual({ n_mfcc: 20, n_fft: 512, hop_length: 160, win_length: 400, pool: 'mean_std' });
    expect(featureSetParams(params, 'hubert_ssl')).toEqual({ layer: 'last' });
    expect(params.train.max_bin).toBe(256);
  });

  it('checks feature-set params with the set\'s own schema, naming features.<set>.<key>', () => {
    const mfcc = (values: Record<string, unknown>) => paramsWith((d) => Object.assign(d['features']!['mfcc'] as object, values));
    expect(errorOf(mfcc({ n_fft: 500 }))).toBe(':features.mfcc.n_fft: must be a power of two, got 500');
    expect(errorOf(mfcc({ n_fft: 'x' }))).toBe(':features.mfcc.n_fft: expected an integer ≥ 2, got "x"');
    expect(errorOf(mfcc({ win_length: 4096 }))).toBe(':features.mfcc.win_length: 4096 exceeds n_fft 512');
    expect(errorOf(mfcc({ pool: 'max' }))).toBe(':features.mfcc.pool: expected one of mean, mean_std, got "max"');
    expect(errorOf(paramsWith((d) => (d['features']!['egemaps'] = { frame_ms: 20 })))).toMatch(/^:features\.egemaps: eGeMAPSv02 is a fixed configuration/);
  });

  it('knows the feature sets from the registry, and a listed set needs what its schema requires', () => {
    expect(errorOf(paramsWith((d) => (d['features']!['sets'] = ['egemaps', 'opensmile'])))).toBe(
      ":features.sets.1: unknown feature set 'opensmile' (known: egemaps, mfcc, hubert_ssl, wav2vec2_ssl, logmel)");
    const withoutSection = paramsWith((d) => {
      d['features']!['sets'] = ['hubert_ssl'];
      delete d['features']!['hubert_ssl'];
    });
    expect(errorOf(withoutSection)).toMatch(/^:features\.hubert_ssl\.model_path: required/);
    expect(loadStudyParams(paramsWith((d) => (d['features']!['sets'] = ['hubert_ssl']))).features.sets).toEqual(['hubert_ssl']);
  });

  it('checks the search space and train section against the gradient-boosting params', () => {
    const space = (edit: (s: Record<string, unknown>) => void) => paramsWith((d) => edit(d['tuning']!['space'] as Record<string, unknown>));
    expect(errorOf(space((s) => (s['max_dept'] = { type: 'int', low: 3, high: 5 })))).toBe(':tuning.space.max_dept: not a gradient-boosting parameter (see docs/gbdt.md)');
    expect(errorOf(space((s) => (s['subsample'] = { type: 'float', low: 0.5, high: 1.5 })))).toBe(':tuning.space.subsample.high: must be in (0, 1]');
    expect(errorOf(paramsWith((d) => (d['train']!['max_bin'] = 1)))).toBe(':train.max_bin: must be an integer ≥ 2');
  });

  it('reads tuning.pruner as a name (Optuna\'s defaults) or a mapping, and names the key of a bad value', () => {
    const pruner = (value: unknown) => paramsWith((d) => (d['tuning']!['pruner'] = value));
    const repo = loadStudyParams(REPO_PARAMS);
    expect(repo.tuning.pruner).toEqual({ type: 'none' });
    expect(tuningPruner(repo)).toBeUndefined();
    expect(loadStudyParams(paramsWith((d) => delete d['tuning']!['pruner'])).tuning.pruner).toEqual({ type: 'none' });
    expect(loadStudyParams(pruner('median')).tuning.pruner).toEqual({ type: 'median', n_startup_trials: 5, n_warmup_steps: 0, interval_steps: 1, n_min_trials: 1 });
    expect(loadStudyParams(pruner('successive_halving')).tuning.pruner).toEqual({
      type: 'successive_halving', min_resource: 'auto', reduction_factor: 4, min_early_stopping_rate: 0, bootstrap_count: 0,
    });
    const sh = loadStudyParams(pruner({ type: 'successive_halving', min_resource: 3, reduction_factor: 3 }));
    expect(tuningPruner(sh)?.name).toBe('successive_halving');
    expect(tuningPruner(loadStudyParams(pruner({ type: 'median', n_warmup_steps: 10 })))?.name).toBe('median');
    expect(errorOf(pruner('hyperband'))).toBe(':tuning.pruner.type: expected none, median, successive_halving or a mapping with type: one of them, got "hyperband"');
    expect(errorOf(pruner({ n_startup_trials: 3 }))).toBe(':tuning.pruner.type: expected none, median, successive_halving or a mapping with type: one of them, got a mapping without type');
    expect(errorOf(pruner(3))).toBe(':tuning.pruner: expected none, median, successive_halving or a mapping with type: one of them, got 3');
    expect(errorOf(pruner({ type: 'median', n_warmup_steps: -1 }))).toBe(':tuning.pruner.n_warmup_steps: expected an integer ≥ 0');
    expect(errorOf(pruner({ type: 'median', interval_steps: 0 }))).toBe(':tuning.pruner.interval_steps: expected an integer ≥ 1');
    expect(errorOf(pruner({ type: 'median', warmup: 3 }))).toBe(':tuning.pruner: Unrecognized key: "warmup"');
    expect(errorOf(pruner({ type: 'successive_halving', min_resource: 'x' }))).toBe(":tuning.pruner.min_resource: expected 'auto' or an integer ≥ 1");
    expect(errorOf(pruner({ type: 'successive_halving', reduction_factor: 1 }))).toBe(':tuning.pruner.reduction_factor: expected an integer ≥ 2');
    expect(errorOf(pruner({ type: 'successive_halving', bootstrap_count: 2 }))).toBe(":tuning.pruner.bootstrap_count: needs min_resource set to an integer, not 'auto' (as Optuna)");
  });

  it('checks the synthesize section with the synthesiser\'s schema', () => {
    expect(errorOf(paramsWith((d) => (d['synthesize']!['label_noise'] = 2)))).toMatch(/^:synthesize\.label_noise: /);
  });
});
