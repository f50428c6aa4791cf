// A tiny project for the ingest/validate scenario tests: params.yaml (the repository's, with `data` pointed at
// data/raw), schema.yaml, a few children's WAV clips and their metadata, and a runner for the real stage scripts.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { writeWavFile } from '../../src/audio/wav-encode.js';
import { Rng } from '../../src/util/random.js';
import { formatCsv } from '../../src/util/csv.js';
import { METADATA_COLUMNS } from '../../src/validate/index.js';

/** The repository root (where params.yaml, schema.yaml and node_modules are). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURE_METADATA = 'data/raw/metadata.csv';
export const FIXTURE_AUDIO_DIR = 'data/raw/audio';
const LABELS = ['Canonical', 'Crying', 'Junk', 'Laughing', 'Non-canonical'];
const SAMPLE_RATE_HZ = 16000;

export interface FixtureOptions {
  /** Number of children (default 9). */
  readonly children?: number;
  /** Clips per child (default 4). */
  readonly clipsPerChild?: number;
}

/** The metadata rows of the fixture corpus: child C001.., clip <child>_<k>.wav, labels cycling. */
export function fixtureRows(options: FixtureOptions = {}): string[][] {
  const rows: string[][] = [];
  for (let c = 1; c <= (options.children ?? 9); c++) {
    const child = `C${String(c).padStart(3, '0')}`;
    for (let k = 1; k <= (options.clipsPerChild ?? 4); k++) {
      const label = LABELS[(c + k) % LABELS.length]!;
      rows.push([child, String(6 + (c % 5)), c % 2 === 0 ? 'F' : 'M', `${child}_${k}.wav`, label, c % 3 === 0 ? 'lab' : 'home']);
    }
  }
  return rows;
}

/** Writes metadata rows (study columns, or `header`) to the fixture's metadata file. */
export function writeMetadata(projectDir: string, rows: readonly string[][], header: readonly string[] = METADATA_COLUMNS): void {
  writeFileSync(join(projectDir, FIXTURE_METADATA), formatCsv(header, rows));
}

/** Creates a temp project with params.yaml, schema.yaml, node_modules (linked) and the fixture corpus. */
export function makeFixtureProject(options: FixtureOptions = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-stages-'));
  const params = parse(readFileSync(join(REPO_ROOT, 'params.yaml'), 'utf8')) as Record<string, unknown>;
  params['data'] = { metadata: FIXTURE_METADATA, audio_dir: FIXTURE_AUDIO_DIR };
  writeFileSync(join(dir, 'params.yaml'), stringify(params));
  copyFileSync(join(REPO_ROOT, 'schema.yaml'), join(dir, 'schema.yaml'));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
  mkdirSync(join(dir, FIXTURE_AUDIO_DIR), { recursive: true });
  const rows = fixtureRows(options);
  const rng = new Rng(11);
  rows.forEach((row, i) => {
    const samples = new Float32Array(Math.round(0.08 * SAMPLE_RATE_HZ) + 40 * (i % 10));
    const hz = 200 + 37 * i;
    for (let t = 0; t < samples.length; t++) samples[t] = 0.3 * Math.sin((2 * Math.PI * hz * t) / SAMPLE_RATE_HZ) + 0.02 * rng.normal();
    writeWavFile(join(dir, FIXTURE_AUDIO_DIR, row[3]!), samples, { sampleRateHz: SAMPLE_RATE_HZ });
  });
  writeMetadata(dir, rows);
  return dir;
}

export interface StageRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node --import tsx stages/<name>.ts` of this repository with the project as working directory. */
export function runStageScript(projectDir: string, name: string): StageRun {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'stages', `${name}.ts`)], {
    cwd: projectDir,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
