// The quick bundle (dist/pipe-quick.cjs, which bin/pipe.js runs for `pipe repro`/`pipe status`) against the ES
// module build (dist/src/cli/main.js): the same commands in two copies of one project print the same and leave
// the same lock, outputs and cache. And bin/pipe.js picks the bundle only when it is current.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, test } from 'vitest';
import { PIPE_BIN, Rig } from './rig.js';

const ROOT = path.resolve(path.dirname(PIPE_BIN), '..');
const BUNDLE = path.join(ROOT, 'dist', 'pipe-quick.cjs');
const BUILD_RECORD = path.join(ROOT, 'dist', 'tsconfig.tsbuildinfo');
const MAIN = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');

const rigs: Rig[] = [];
afterAll(() => rigs.forEach((r) => r.cleanup()));

/** A project whose stages read a directory, a param and each other's outputs. */
function project(entry: string): Rig {
  const rig = new Rig(entry);
  rigs.push(rig);
  for (let i = 0; i < 30; i++) rig.write(`data/clips/c${String(i).padStart(2, '0')}.txt`, `clip ${i}\n`);
  rig.write('params.yaml', 'lr: 0.1\n');
  rig.write(
    'pipeline.yaml',
    `stages:
  prep:
    cmd: ${rig.fake('prep', 'out/prep.txt', 'data/clips/c00.txt')}
    deps: [data/clips]
    params: [lr]
    outs: [out/prep.txt]
  train:
    cmd: ${rig.fake('train', 'out/model.txt', 'out/prep.txt')}
    deps: [out/prep.txt]
    outs: [out/model.txt]
`,
  );
  return rig;
}

/** Output with the run-to-run parts (durations, the temp dir) taken out. */
const normal = (text: string, rig: Rig): string => text.replaceAll(rig.dir, '<dir>').replace(/\d+\.\d+ s\b/g, '<t> s');

function tree(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(dir, rel)).sort()) {
    const r = rel === '' ? name : `${rel}/${name}`;
    if (statSync(path.join(dir, r)).isDirectory()) out.push(...tree(dir, r));
    else out.push(`${r} ${readFileSync(path.join(dir, r), 'utf8')}`);
  }
  return out;
}

describe('quick bundle', () => {
  test('is built and current (npm run build writes it after tsc)', () => {
    expect(existsSync(BUNDLE), `${BUNDLE} is missing: run npm run build`).toBe(true);
    expect(statSync(BUNDLE).mtimeMs, 'the bundle is older than the last tsc build: run npm run build').toBeGreaterThanOrEqual(statSync(BUILD_RECORD).mtimeMs);
  });

  test('repro and status through the bundle print and leave exactly what the ES module build does', async () => {
    const quick = project(PIPE_BIN);
    const esm = project(MAIN);
    const steps: [string, (rig: Rig) => void][] = [
      ['repro', () => undefined],
      ['repro', () => undefined],
      ['status', (rig) => rig.write('data/clips/c07.txt', 'edited\n')],
      ['status --json', () => undefined],
      ['repro -j 1', () => undefined],
      ['status -q', (rig) => rig.write('params.yaml', 'lr: 0.2\n')],
      ['repro --dry', () => undefined],
      ['repro train -s', () => undefined],
      ['status', () => undefined],
      ['repro', () => undefined],
      ['repro nosuch', () => undefined],
      ['repro --jobs 0', () => undefined],
      ['status', (rig) => rig.remove('out/model.txt')],
      ['repro', () => undefined],
    ];
    for (const [line, change] of steps) {
      change(quick);
      change(esm);
      const args = line.split(' ');
      const [a, b] = [await quick.pipe(args), await esm.pipe(args)];
      expect({ code: a.code, stdout: normal(a.stdout, quick), stderr: normal(a.stderr, quick) }, line).toEqual({ code: b.code, stdout: normal(b.stdout, esm), stderr: normal(b.stderr, esm) });
    }
    expect(quick.events()).toEqual(esm.events());
    // run-cache entries are named by a digest of the stage command, which names each project's own directory
    const files = (rig: Rig): string[] =>
      tree(rig.dir)
        .filter((f) => !f.startsWith('.pipe/') && !f.startsWith('.rig-log'))
        .map((f) => (f.startsWith('cache/runs/') ? 'cache/runs/<entry>' : f.replaceAll(rig.dir, '<dir>')));
    expect(files(quick)).toEqual(files(esm));
  }, 240_000);
});

describe('bin/pipe.js', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pipe-bin-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(path.join(dir, 'bin'));
  mkdirSync(path.join(dir, 'dist', 'src', 'cli'), { recursive: true });
  copyFileSync(PIPE_BIN, path.join(dir, 'bin', 'pipe.js'));
  copyFileSync(path.join(ROOT, 'bin', 'package.json'), path.join(dir, 'bin', 'package.json'));
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(path.join(dir, 'dist', 'src', 'cli', 'main.js'), "process.stdout.write('main ' + process.argv.slice(2).join(' '));\n");
  const fakeBundle = "exports.dispatch = async (argv) => { if (argv.includes('--other')) return false; process.stdout.write('quick ' + argv.slice(2).join(' ')); return true; };\n";
  const at = (file: string, seconds: number): void => utimesSync(path.join(dir, 'dist', file), seconds, seconds);
  const run = (...args: string[]): string => execFileSync(process.execPath, [path.join(dir, 'bin', 'pipe.js'), ...args], { encoding: 'utf8' });

  test('runs repro and status from the bundle unless tsc has built since it was, else main.js', () => {
    writeFileSync(path.join(dir, 'dist', 'pipe-quick.cjs'), fakeBundle);
    writeFileSync(path.join(dir, 'dist', 'tsconfig.tsbuildinfo'), '{}');
    at('tsconfig.tsbuildinfo', 1_000_000);
    at('pipe-quick.cjs', 1_000_000);
    expect([run('repro', '-j', '2'), run('status'), run('dag'), run('repro', '--other'), run()]).toEqual(['quick repro -j 2', 'quick status', 'main dag', 'main repro --other', 'main ']);
    at('pipe-quick.cjs', 999_999); // tsc has built since the bundle was: stale
    expect(run('repro')).toBe('main repro');
    at('pipe-quick.cjs', 1_000_001);
    expect(run('repro')).toBe('quick repro');
    rmSync(path.join(dir, 'dist', 'tsconfig.tsbuildinfo')); // an installed package: no tsc build record
    expect(run('repro')).toBe('quick repro');
    writeFileSync(path.join(dir, 'dist', 'tsconfig.tsbuildinfo'), '{}');
    at('tsconfig.tsbuildinfo', 1_000_000);
    expect(run('status')).toBe('quick status');
    rmSync(path.join(dir, 'dist', 'pipe-quick.cjs'));
    expect(run('status')).toBe('main status');
  });
});
