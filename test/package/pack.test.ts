// The published package: `npm pack` the built tree, unpack the tarball as npm installs it into a fresh project,
// and import every entry point of package.json's `exports` from there (dependencies come from this checkout's
// node_modules through a symlink, so the test needs no network). Needs the build (`npm test` runs tsc first).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO_ROOT = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; exports: Record<string, unknown> };

/** One public name each entry point must export (a smoke check that it is the API, not an empty module). */
const EXPECTED_EXPORT: Record<string, string> = {
  '.': 'repro', './engine': 'openProject', './audio': 'melFilterbank', './ml': 'createStudy', './features': 'extractFeatures',
  './ssl': 'openSslEmbedder', './bundle': 'loadModelBundle', './drift': 'driftReport', './validate': 'inspectAudio',
  './synth': 'writeDemoCorpus', './serve': 'startServer',
};

let dir: string;
let packed: { files: { path: string }[]; filename: string };
const entryPoints = Object.keys(pkg.exports).filter((key) => key !== './package.json');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pipe-pack-'));
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: REPO_ROOT, encoding: 'utf8' });
  packed = (JSON.parse(out) as typeof packed[])[0]!;
  const installed = join(dir, 'app', 'node_modules', pkg.name);
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', join(dir, packed.filename), '-C', installed, '--strip-components=1']);
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(installed, 'node_modules'), 'dir');
}, 120_000);

afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('package surface', () => {
  it('packs the built library, the CLI and the README, and no tests or test support', () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths).toContain('bin/pipe.js');
    expect(paths).toContain('dist/src/index.js');
    expect(paths).toContain('README.md');
    expect(paths.filter((p) => /\.test\.|(^|\/)test\/|^stages\//.test(p))).toEqual([]);
  });

  it('imports every entry point of `exports` by its package name from an installed tarball', () => {
    expect(entryPoints.sort()).toEqual(Object.keys(EXPECTED_EXPORT).sort());
    const script = entryPoints
      .map((key) => {
        const spec = key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`;
        return `{ const m = await import(${JSON.stringify(spec)}); console.log(${JSON.stringify(key)}, typeof m[${JSON.stringify(EXPECTED_EXPORT[key])}]); }`;
      })
      .join('\n');
    writeFileSync(join(dir, 'app', 'check.mjs'), script);
    const out = execFileSync(process.execPath, ['check.mjs'], { cwd: join(dir, 'app'), encoding: 'utf8' });
    expect(out.trim().split('\n')).toEqual(entryPoints.map((key) => `${key} function`));
  }, 120_000);

  it('runs the CLI from the installed package', () => {
    const out = execFileSync(process.execPath, [join('node_modules', pkg.name, 'bin', 'pipe.js'), '--help'], { cwd: join(dir, 'app'), encoding: 'utf8' });
    expect(out).toMatch(/Usage: pipe/);
  }, 60_000);
});
