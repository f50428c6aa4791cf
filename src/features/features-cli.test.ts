// End-to-end: the built `pipe features` command (bin/pipe.js → dist/), as a user runs it. `npm test` builds first;
// run alone, this suite builds when dist/ is missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const AUDIO = join(ROOT, 'test/fixtures/reference/audio');

function pipe(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  // --no-progress: stderr is asserted exactly, and a slow machine could otherwise log progress lines.
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/pipe.js'), ...args, '--no-progress'], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** in/ with reference files in a subfolder too, plus a broken file made here. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-features-cli-'));
  mkdirSync(join(dir, 'in/sub'), { recursive: true });
  for (const name of ['tone_440', 'short_50ms', 'fmt_stereo_44k', 'fmt_pcm24']) copyFileSync(join(AUDIO, `${name}.wav`), join(dir, `in/${name}.wav`));
  copyFileSync(join(AUDIO, 'cry_like.wav'), join(dir, 'in/sub/Cry.WAV'));
  writeFileSync(join(dir, 'in/notes.txt'), 'not audio');
  return dir;
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/src/cli/main.js'))) execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT });
});

describe('pipe features', () => {
  it('writes one row per WAV (sorted walk, names relative to the argument), identical for 1 and 2 workers', () => {
    const dir = workspace();
    const one = pipe(['features', 'mfcc', 'in', '-o', 'one.csv', '-j', '1'], dir);
    expect(one).toMatchObject({ status: 0, stderr: '' });
    expect(pipe(['features', 'mfcc', 'in', '-o', 'two.csv', '-j', '2'], dir).status).toBe(0);
    const csv = readFileSync(join(dir, 'one.csv'), 'utf8');
    expect(readFileSync(join(dir, 'two.csv'), 'utf8')).toBe(csv);
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe(`file,${Array.from({ length: 20 }, (_, k) => `mfcc${k + 1}_mean`).join(',')}`);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['fmt_pcm24.wav', 'fmt_stereo_44k.wav', 'short_50ms.wav', 'sub/Cry.WAV', 'tone_440.wav']);
    expect(pipe(['features', 'mfcc', 'in', '-j', '2'], dir).stdout).toBe(csv); // stdout when no -o
  });

  it('writes Parquet readable by a Parquet reader, with params', async () => {
    const dir = workspace();
    expect(pipe(['features', 'mfcc', 'in', '-o', 'out.parquet', '--param', 'n_mfcc=13', 'pool=mean_std'], dir).status).toBe(0);
    const bytes = readFileSync(join(dir, 'out.parquet'));
    const rows = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
    expect(rows.length).toBe(5);
    expect(Object.keys(rows[0]!)).toEqual(['file', ...Array.from({ length: 13 }, (_, k) => `mfcc${k + 1}_mean`), ...Array.from({ length: 13 }, (_, k) => `mfcc${k + 1}_std`)]);
    expect(typeof rows[0]!['mfcc1_mean']).toBe('number');
  });

  it('fails on a bad file with one line naming it, or skips it with the reason in a side file', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'in/broken.wav'), readFileSync(join(AUDIO, 'tone_440.wav')).subarray(0, 1000));
    const failed = pipe(['features', 'mfcc', 'in', '-o', 'out.csv'], dir);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toBe('pipe: in/broken.wav: truncated: data chunk declares 32000 bytes, 956 present\n');
    expect(existsSync(join(dir, 'out.csv'))).toBe(false);
    const notWav = pipe(['features', 'mfcc', 'in/notes.txt'], dir);
    expect([notWav.status, notWav.stderr]).toEqual([1, 'pipe: in/notes.txt: not a RIFF/WAVE file\n']);

    const skipped = pipe(['features', 'mfcc', 'in', '-o', 'out.csv', '--on-error', 'skip'], dir);
    expect(skipped.status).toBe(0);
    expect(skipped.stderr).toMatch(/1 of 6 files have no features and are missing rows; reasons in out\.errors\.csv/);
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toMatch(/\nbroken\.wav,{20}\n/);
    expect(readFileSync(join(dir, 'out.errors.csv'), 'utf8')).toBe('file,reason\nbroken.wav,"truncated: data chunk declares 32000 bytes, 956 present"\n');
  });

  it('emits a clip too short for the feature set as a flagged missing row, without failing the run', () => {
    const dir = workspace();
    const run = pipe(['features', 'egemaps', 'in', '-o', 'out.csv'], dir);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('pipe features: 1 of 5 files have no features and are missing rows; reasons in out.errors.csv\n');
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toMatch(/\nshort_50ms\.wav,{88}\n/);
    expect(readFileSync(join(dir, 'out.errors.csv'), 'utf8')).toBe('file,reason\nshort_50ms.wav,shorter than one 60 ms frame\n');
  });

  it('writes frame matrices on request', () => {
    const dir = workspace();
    expect(pipe(['features', 'mfcc', 'in', '-o', 'out.csv', '--frames', 'frames', '--param', 'hop_length=160', '--param', 'n_fft=512'], dir).status).toBe(0);
    const frames = readFileSync(join(dir, 'frames/sub/Cry.csv'), 'utf8').trim().split('\n');
    expect(frames[0]!.split(',').slice(0, 3)).toEqual(['frame_time_s', 'mfcc1', 'mfcc2']);
    expect(frames[2]!.split(',')[0]).toBe('0.01');
    expect(frames[1]!.split(',').length).toBe(21);
  });

  it('writes eGeMAPS frame-level descriptors as openSMILE\'s LLD CSV has them', () => {
    const dir = workspace();
    expect(pipe(['features', 'egemaps', 'in', '-o', 'out.csv', '--frames', 'frames', '--on-error', 'skip'], dir).status).toBe(0);
    const ours = readFileSync(join(dir, 'frames/tone_440.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    // openSMILE 3.0.2's LLD CSV of the same file: `name;frameTime;` then the 25 descriptors.
    const ref = readFileSync(join(ROOT, 'test/fixtures/reference/egemaps_lld/tone_440.csv'), 'utf8').trim().split('\n').map((l) => l.split(';'));
    expect(ours[0]).toEqual(['frame_time_s', ...ref[0]!.slice(2)]);
    expect(ours.length).toBe(ref.length);
    expect(ours[3]![0]).toBe('0.02');
    for (let t = 1; t < ref.length; t++) {
      const loudness = Number(ours[t]![1]), refLoudness = Number(ref[t]![2]);
      expect(Math.abs(loudness - refLoudness), `row ${t}`).toBeLessThanOrEqual(1e-3 * Math.abs(refLoudness));
    }
    expect(existsSync(join(dir, 'frames/short_50ms.csv'))).toBe(false);
  });

  it('rejects bad usage in one line', () => {
    const dir = workspace();
    expect(pipe(['features', 'mfcc', 'missing'], dir).stderr).toBe('pipe: missing: no such file or folder\n');
    expect(pipe(['features', 'mfcc', 'in', '--param', 'n_mfc=3'], dir).stderr).toMatch(/^pipe: mfcc: unknown param 'n_mfc' \(known: n_mfcc/);
    expect(pipe(['features', 'mfcc', 'in', '-o', 'out.xlsx'], dir).stderr).toBe('pipe: out.xlsx: output must end in .csv or .parquet\n');
    expect(pipe(['features', 'nope', 'in'], dir).stderr).toMatch(/^pipe: unknown feature set 'nope'/);
  });
});
