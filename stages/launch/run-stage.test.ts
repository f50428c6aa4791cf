// stages/run.mjs on a tiny real project built by the repository's tsc: the stage runs from dist/ only while every
// compiled module it can load (a worker entry included) is the build of the current sources, whatever the mtimes,
// and from its sources through tsx otherwise; a failing stage exits and prints as it does under `node --import tsx`.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '../..');
const TSC = join(REPO, 'node_modules/typescript/bin/tsc');

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', outDir: 'dist', rootDir: '.', strict: true,
    incremental: true, tsBuildInfoFile: 'dist/tsconfig.tsbuildinfo', skipLibCheck: true, types: ['node'], sourceMap: true,
  },
  include: ['src/**/*.ts', 'stages/**/*.ts'],
};

const HELLO = `import { fileURLToPath } from 'node:url';
import { askWorker } from '../src/echo.js';
import { message } from '../src/message.js';
const worker = await askWorker();
process.stdout.write(JSON.stringify({ module: fileURLToPath(import.meta.url), argv1: process.argv[1], args: process.argv.slice(2), message, worker }) + '\\n');
`;
const ECHO = `import { startModuleWorker } from './util/start-worker.js';
/** The first message of the echo worker. */
export function askWorker(): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = startModuleWorker(import.meta.url, 'echo-worker');
    worker.once('message', (m: unknown) => { resolve(String(m)); void worker.terminate(); });
    worker.once('error', reject);
  });
}
`;
const workerSource = (tag: string): string => `import { parentPort } from 'node:worker_threads';\nparentPort?.postMessage('${tag}');\n`;
const messageSource = (tag: string): string => `export const message: string = '${tag}';\n`;
const FAIL = `import { StageError, runStage } from './lib/stage-error.js';
runStage('fail', async () => {
  if (process.argv[2] === 'bug') throw new TypeError('x is not a function');
  throw new StageError('data/in.csv: column "label" is missing');
});
`;

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let dir = '';

function write(rel: string, text: string): void {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), text);
}

function build(...flags: string[]): void {
  const result = spawnSync(process.execPath, [TSC, '-p', 'tsconfig.json', ...flags], { cwd: dir, encoding: 'utf8' });
  expect(result.stdout + result.stderr).toBe('');
}

/** `node stages/run.mjs stages/<name>.ts args…` with PIPE_STAGE_EXPLAIN=1 (the first stderr line says which ran). */
function launch(name: string, ...args: string[]): Run {
  const result = spawnSync(process.execPath, ['stages/run.mjs', `stages/${name}.ts`, ...args], {
    cwd: dir, encoding: 'utf8', env: { ...process.env, PIPE_STAGE_EXPLAIN: '1', PIPE_STAGE_SOURCES: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function hello(): { run: Run; out: { module: string; argv1: string; args: string[]; message: string; worker: string } } {
  const run = launch('hello', 'mfcc', '--x');
  expect(run.status, run.stderr).toBe(0);
  return { run, out: JSON.parse(run.stdout) };
}

/** Rewrites a source with `text`, then sets its mtime back to what it was (an edit a clock check would miss). */
function editKeepingMtime(rel: string, text: string): void {
  const before = statSync(join(dir, rel));
  write(rel, text);
  utimesSync(join(dir, rel), before.atime, before.mtime);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pipe-run-stage-'));
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  write('package.json', '{"type":"module"}\n');
  write('tsconfig.json', JSON.stringify(TSCONFIG));
  mkdirSync(join(dir, 'stages/launch'), { recursive: true });
  copyFileSync(join(REPO, 'stages/run.mjs'), join(dir, 'stages/run.mjs'));
  for (const f of readdirSync(join(REPO, 'stages/launch')).filter((f) => f.endsWith('.mjs'))) copyFileSync(join(REPO, 'stages/launch', f), join(dir, 'stages/launch', f));
  mkdirSync(join(dir, 'src/util'), { recursive: true });
  copyFileSync(join(REPO, 'src/util/start-worker.ts'), join(dir, 'src/util/start-worker.ts'));
  copyFileSync(join(REPO, 'src/util/input-error.ts'), join(dir, 'src/util/input-error.ts'));
  mkdirSync(join(dir, 'stages/lib'), { recursive: true });
  copyFileSync(join(REPO, 'stages/lib/stage-error.ts'), join(dir, 'stages/lib/stage-error.ts'));
  write('stages/hello.ts', HELLO);
  write('stages/fail.ts', FAIL);
  write('src/echo.ts', ECHO);
  write('src/echo-worker.ts', workerSource('worker v1'));
  write('src/message.ts', messageSource('v1'));
  build();
  // past the memo's racy window, so that a passed check is memoised (and must not hide the edits below)
  await new Promise((r) => setTimeout(r, 1100));
});

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('stages/run.mjs', () => {
  it('runs a built stage from dist/ in one process, with the argv it would see run directly', () => {
    const { run, out } = hello();
    expect(run.stderr).toMatch(/^stages\/run\.mjs: stages\/hello\.ts runs from dist\/stages\/hello\.js \(\d+ compiled modules match their sources\)\n$/);
    expect(out).toEqual({ module: join(dir, 'dist/stages/hello.js'), argv1: join(dir, 'dist/stages/hello.js'), args: ['mfcc', '--x'], message: 'v1', worker: 'worker v1' });
    const again = hello();
    expect(again.run.stderr).toContain('unchanged since checked');
    expect(again.out.module).toBe(join(dir, 'dist/stages/hello.js'));
  });

  it('runs the sources when an imported source changed, its mtime set back or not, until the next build', () => {
    hello(); // memoised
    editKeepingMtime('src/message.ts', messageSource('v2'));
    const older = hello();
    expect(older.run.stderr).toContain('runs from sources (source-changed: src/message.ts changed since the last build)');
    expect(older.out).toMatchObject({ module: join(dir, 'stages/hello.ts'), argv1: join(dir, 'stages/hello.ts'), args: ['mfcc', '--x'], message: 'v2', worker: 'worker v1' });
    write('src/message.ts', messageSource('v3'));
    expect(hello().out).toMatchObject({ module: join(dir, 'stages/hello.ts'), message: 'v3' });
    build();
    expect(hello().out).toMatchObject({ module: join(dir, 'dist/stages/hello.js'), message: 'v3' });
  });

  it('sees an edited worker entry, which no import statement names', () => {
    editKeepingMtime('src/echo-worker.ts', workerSource('worker v2'));
    const edited = hello();
    expect(edited.run.stderr).toContain('src/echo-worker.ts changed since the last build');
    expect(edited.out).toMatchObject({ module: join(dir, 'stages/hello.ts'), worker: 'worker v2' });
    build();
    expect(hello().out).toMatchObject({ module: join(dir, 'dist/stages/hello.js'), worker: 'worker v2' });
  });

  it('runs the sources after a type-check that recorded new text without compiling it (tsc --noEmit)', () => {
    write('src/message.ts', messageSource('v4'));
    build('--noEmit');
    const checked = hello();
    expect(checked.run.stderr).toContain('pending-emit: src/message.ts');
    expect(checked.out).toMatchObject({ module: join(dir, 'stages/hello.ts'), message: 'v4' });
    build();
    expect(hello().out).toMatchObject({ module: join(dir, 'dist/stages/hello.js'), message: 'v4' });
  });

  it('prints a failing stage\'s error and exits as `node --import tsx` does', () => {
    for (const args of [[], ['bug']]) {
      const fast = launch('fail', ...args);
      expect(fast.stderr).toMatch(/^stages\/run\.mjs: stages\/fail\.ts runs from dist\//);
      const direct = spawnSync(process.execPath, ['--import', 'tsx', 'stages/fail.ts', ...args], { cwd: dir, encoding: 'utf8' });
      const stageLines = fast.stderr.split('\n').slice(1);
      expect(fast.status).toBe(1);
      expect(direct.status).toBe(1);
      // an expected failure prints one identical line; a bug the same first line, and a stack naming the .ts line
      if (args.length === 0) expect(stageLines.join('\n')).toBe(direct.stderr);
      else {
        expect(stageLines[0]).toBe(direct.stderr.split('\n')[0]);
        expect(stageLines[1]).toMatch(/stages\/fail\.ts:3:\d+\)?$/);
        expect(direct.stderr.split('\n')[1]).toMatch(/stages\/fail\.ts:3:\d+\)?$/);
      }
    }
    expect(launch('fail').stderr.split('\n').slice(1).join('\n')).toBe('fail: data/in.csv: column "label" is missing\n');
  });

  it('runs the sources when dist/ is missing, and says why', () => {
    rmSync(join(dir, 'dist'), { recursive: true, force: true });
    const { run, out } = hello();
    expect(run.stderr).toMatch(/runs from sources \(no-build-record: .*tsconfig\.tsbuildinfo is missing/);
    expect(out).toMatchObject({ module: join(dir, 'stages/hello.ts'), message: 'v4', worker: 'worker v2' });
  });

  it('refuses a missing stage file or no stage with a one-line error and exit code 2', () => {
    const missing = launch('nope');
    expect(missing).toEqual({ status: 2, stdout: '', stderr: 'stages/run.mjs: stages/nope.ts: no such stage file\n' });
    const none = spawnSync(process.execPath, ['stages/run.mjs'], { cwd: dir, encoding: 'utf8' });
    expect(none.status).toBe(2);
    expect(none.stderr).toBe('stages/run.mjs: usage: node stages/run.mjs <stage.ts> [args…]\n');
  });
});
