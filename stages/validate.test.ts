// Scenario tests of stage `validate`: the real entry script on a tiny temp project, after the real ingest.
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../src/util/csv.js';
import { FIXTURE_AUDIO_DIR, fixtureRows, makeFixtureProject, runStageScript, writeMetadata } from '../test/support/stage-fixture.js';

const dirs: string[] = [];
let ingested: string; // a fixture project after a successful ingest, copied by the cases below

/** A fresh copy of the ingested fixture project. */
function copyOfIngested(): string {
  const dir = `${ingested}-copy${dirs.length}`;
  cpSync(ingested, dir, { recursive: true });
  dirs.push(dir);
  return dir;
}

/** A new fixture project, not yet ingested. */
function freshProject(): string {
  const dir = makeFixtureProject();
  dirs.push(dir);
  return dir;
}

/** The split (train/valid/test) whose table lists `clipId`. */
function splitOf(dir: string, clipId: string): string {
  for (const split of ['train', 'valid', 'test']) {
    if (readFileSync(join(dir, 'data/splits', `${split}.csv`), 'utf8').includes(`,${clipId},`)) return split;
  }
  throw new Error(`${clipId} is in no split`);
}

/** Runs validate, expecting a failure that leaves results/validation as it was (absent here). */
function expectFailure(dir: string): string {
  const run = runStageScript(dir, 'validate');
  expect(run.status).toBe(1);
  expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(run.stderr.trim().split('\n').every((line) => line.startsWith('validate: '))).toBe(true);
  expect(existsSync(join(dir, 'results/validation'))).toBe(false);
  expect(existsSync(join(dir, 'results')) ? readdirSync(join(dir, 'results')) : []).toEqual([]);
  return run.stderr;
}

beforeAll(() => {
  ingested = makeFixtureProject();
  dirs.push(ingested);
  const run = runStageScript(ingested, 'ingest');
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
});

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('validate', () => {
  it('passes on a clean corpus, writes report.json and drift.csv, byte-identical on a rerun', () => {
    const dir = copyOfIngested();
    const run = runStageScript(dir, 'validate');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^validate: passed: 36 clips, 9 children in 3 splits; drifted descriptors vs train: valid \d\/5/);
    expect(readdirSync(join(dir, 'results/validation')).sort()).toEqual(['drift.csv', 'report.json']);
    const report = JSON.parse(readFileSync(join(dir, 'results/validation/report.json'), 'utf8')) as {
      status: string; checks: { check: string; failed: number }[]; splits: Record<string, { clips: number }>;
    };
    expect(report.status).toBe('passed');
    expect(report.checks.filter((c) => c.failed > 0)).toEqual([]);
    expect(new Set(report.checks.map((c) => c.check))).toEqual(
      new Set(['columns', 'schema', 'labels', 'audio-files', 'durations', 'child-overlap', 'duplicate-clips']));
    expect(Object.values(report.splits).reduce((n, s) => n + s.clips, 0)).toBe(36);
    const drift = parseCsv(readFileSync(join(dir, 'results/validation/drift.csv'), 'utf8'));
    expect(drift.header).toEqual(['split', 'feature', 'distance', 'drifted']);
    expect(drift.rows).toHaveLength(10);
    const before = readFileSync(join(dir, 'results/validation/report.json'));
    expect(runStageScript(dir, 'validate').status).toBe(0);
    expect(readFileSync(join(dir, 'results/validation/report.json'))).toEqual(before);
  });

  it('reports a metadata row whose audio file is missing, by clip and split', () => {
    const dir = freshProject();
    rmSync(join(dir, FIXTURE_AUDIO_DIR, 'C004_2.wav'));
    const ingest = runStageScript(dir, 'ingest');
    expect(ingest.status).toBe(0);
    expect(ingest.stdout).toContain('1 clip(s) without an audio file');
    const split = splitOf(dir, 'C004_2.wav');
    const stderr = expectFailure(dir);
    expect(stderr).toContain(`validate: data/splits/${split}.csv: 1 file(s) missing or undecodable: C004_2.wav (missing: data/splits/audio/${split}/C004_2.wav)`);
  });

  it('reports a truncated file and keeps the previous output unchanged', () => {
    const dir = copyOfIngested();
    expect(runStageScript(dir, 'validate').status).toBe(0);
    const before = readFileSync(join(dir, 'results/validation/report.json'));
    const split = splitOf(dir, 'C002_3.wav');
    truncateSync(join(dir, 'data/splits/audio', split, 'C002_3.wav'), 100);
    const run = runStageScript(dir, 'validate');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`validate: data/splits/${split}.csv: 1 file(s) missing or undecodable: C002_3.wav (truncated: data chunk declares`);
    expect(readFileSync(join(dir, 'results/validation/report.json'))).toEqual(before);
    expect(readdirSync(join(dir, 'results')).sort()).toEqual(['validation']);
  });

  it('reports an unknown label', () => {
    const dir = freshProject();
    const rows = fixtureRows();
    rows[5]![4] = 'Screaming';
    writeMetadata(dir, rows);
    expect(runStageScript(dir, 'ingest').status).toBe(0);
    const split = splitOf(dir, rows[5]![3]!);
    const stderr = expectFailure(dir);
    expect(stderr).toContain(`validate: data/splits/${split}.csv: 1 row(s) with a label not in params.yaml:validate.labels`);
    expect(stderr).toContain(`${rows[5]![3]} (label 'Screaming')`);
  });

  it('reports a child in two splits (hand-made split tables)', () => {
    const dir = copyOfIngested();
    const train = readFileSync(join(dir, 'data/splits/train.csv'), 'utf8').trim().split('\n');
    const trainRow = train[1]!;
    const child = trainRow.split(',')[0]!;
    const moved = trainRow.replace(/_(\d+)\.wav/g, '_9$1.wav').replace('/train/', '/test/');
    const clip = moved.split(',')[3]!;
    cpSync(join(dir, 'data/splits/audio/train', trainRow.split(',')[3]!), join(dir, 'data/splits/audio/test', clip));
    writeFileSync(join(dir, 'data/splits/test.csv'), readFileSync(join(dir, 'data/splits/test.csv'), 'utf8') + moved + '\n');
    const stderr = expectFailure(dir);
    expect(stderr).toContain(`validate: data/splits: 1 child(ren) in more than one split: ${clip} (child ${child} in train and test)`);
  });

  it('reports a split table that lacks a column', () => {
    const dir = copyOfIngested();
    const file = join(dir, 'data/splits/valid.csv');
    const table = parseCsv(readFileSync(file, 'utf8'));
    const keep = table.header.map((_, i) => i).filter((i) => table.header[i] !== 'corpus');
    writeFileSync(file, [table.header, ...table.rows].map((r) => keep.map((i) => r[i]).join(',')).join('\n') + '\n');
    const stderr = expectFailure(dir);
    expect(stderr).toContain('validate: data/splits/valid.csv: missing column(s) corpus\n');
  });

  it('reports a cell that breaks schema.yaml', () => {
    const dir = copyOfIngested();
    const file = join(dir, 'data/splits/train.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[1] = lines[1]!.replace(/^(C\d+),\d+,/, '$1,six,');
    writeFileSync(file, lines.join('\n'));
    const stderr = expectFailure(dir);
    expect(stderr).toMatch(/validate: data\/splits\/train\.csv: 1 row\(s\) violate schema\.yaml: C\d+_\d\.wav \(age_mo_round 'six' not an int\)/);
  });
});
