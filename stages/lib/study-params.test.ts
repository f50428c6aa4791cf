// params.yaml is checked once, with the libraries' own schemas, and a bad value names its full key path.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { featureSetParams, loadStudyParams } from './study-params.js';

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

  it('checks the synthesize section with the synthesiser\'s schema', () => {
    expect(errorOf(paramsWith((d) => (d['synthesize']!['label_noise'] = 2)))).toMatch(/^:synthesize\.label_noise: /);
  });
});
