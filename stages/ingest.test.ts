// Scenario tests of stage `ingest`: the real entry script on a tiny temp project.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../src/util/csv.js';
import { SPLIT_COLUMNS, SPLITS } from './lib/split-table.js';
import { FIXTURE_AUDIO_DIR, fixtureRows, makeFixtureProject, runStageScript, writeMetadata } from '../test/support/stage-fixture.js';

const dirs: string[] = [];

function project(): string {
  const dir = makeFixtureProject();
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('ingest', () => {
  it('writes child-disjoint split tables with paths to hard-linked audio, identical on a rerun', () => {
    const dir = project();
    const run = runStageScript(dir, 'ingest');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^ingest: 36 metadata rows -> data\/splits: train 3 children\/12 clips \(.*\); valid 3 children\/\d+ clips/);
    const childSplit = new Map<string, string>();
    let clips = 0;
    const tables = SPLITS.map((split) => readFileSync(join(dir, 'data/splits', `${split}.csv`), 'utf8'));
    SPLITS.forEach((split, s) => {
      const table = parseCsv(tables[s]!);
      expect(table.header).toEqual([...SPLIT_COLUMNS]);
      for (const row of table.rows) {
        const [child, , , clip] = row;
        expect(childSplit.get(child!) ?? split).toBe(split);
        childSplit.set(child!, split);
        expect(row[6]).toBe(`data/splits/audio/${split}/${clip}`);
        expect(statSync(join(dir, row[6]!)).ino).toBe(statSync(join(dir, FIXTURE_AUDIO_DIR, clip!)).ino);
        clips++;
      }
    });
    expect(clips).toBe(36);
    expect(childSplit.size).toBe(9);
    expect(runStageScript(dir, 'ingest').status).toBe(0);
    SPLITS.forEach((split, s) => expect(readFileSync(join(dir, 'data/splits', `${split}.csv`), 'utf8')).toBe(tables[s]));
    expect(readdirSync(join(dir, 'data')).sort()).toEqual(['raw', 'splits']);
  });

  it('fails with one line naming the metadata file and the missing column, writing nothing', () => {
    const dir = project();
    writeMetadata(dir, fixtureRows().map((r) => r.slice(0, 5)), ['child_ID', 'age_mo_round', 'child_gender', 'clip_ID', 'Answer']);
    const run = runStageScript(dir, 'ingest');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('ingest: data/raw/metadata.csv: missing column(s) corpus\n');
    expect(existsSync(join(dir, 'data/splits'))).toBe(false);
  });

  it('fails clearly when the metadata file is absent', () => {
    const dir = project();
    rmSync(join(dir, 'data/raw/metadata.csv'));
    const run = runStageScript(dir, 'ingest');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('ingest: data/raw/metadata.csv: cannot read file\n');
    expect(existsSync(join(dir, 'data/splits'))).toBe(false);
  });
});
