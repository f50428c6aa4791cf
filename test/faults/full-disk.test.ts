// A full disk ends a run with one line naming what could not be written, exit ≠ 0, and nothing left over: no
// temporary files, no pid file, the lock absent or valid. Needs a small tmpfs (root where mount works).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Rig } from '../engine/rig.js';

let rig: Rig;
let disk: string;
let mounted = false;

function tryMount(dir: string): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

beforeAll(() => {
  rig = new Rig();
  disk = path.join(rig.dir, 'disk');
  mkdirSync(disk);
  mounted = tryMount(disk);
  if (!mounted) console.warn('full-disk tests skipped: cannot mount a tmpfs here (needs root on Linux)');
});
afterAll(() => {
  if (mounted) execFileSync('umount', [disk]);
  rig.cleanup();
});

function clear(): void {
  for (const name of readdirSync(disk)) rig.remove(`disk/${name}`);
}

/** Every file under the disk, root-relative. */
function files(dir = disk, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

function expectOneCleanLine(stderr: string, what: RegExp): void {
  expect(stderr).toMatch(what);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).not.toContain('internal error');
  expect(files().filter((f) => f.endsWith('.tmp') || f.includes('pipe-tmp'))).toEqual([]);
  expect(files()).not.toContain('.pipe/repro.pid');
}

describe('a full disk', () => {
  test('while caching an output: one line, exit ≠ 0, no temp files, no pid file, no lock entry', async (ctx) => {
    if (!mounted) ctx.skip();
    clear();
    rig.write('disk/pipeline.yaml', 'stages:\n  a:\n    cmd: head -c 700000 /dev/urandom > big.bin\n    outs:\n      - big.bin:\n          persist: true\n');
    const r = await rig.pipe(['repro'], {}, 'disk');
    expect(r.code).not.toBe(0);
    expectOneCleanLine(r.stderr, /Stage 'a' failed: no space left on device while writing \S*cache\/objects\//);
    expect(files()).not.toContain('pipeline.lock');
  });

  test('before anything is written: one line naming the file', async (ctx) => {
    if (!mounted) ctx.skip();
    clear();
    rig.write('disk/pipeline.yaml', 'stages:\n  a:\n    cmd: echo hi > small.txt\n    outs: [small.txt]\n');
    try {
      execFileSync('dd', ['if=/dev/zero', `of=${path.join(disk, 'fill')}`, 'bs=4k'], { stdio: 'ignore' });
    } catch {
      // dd stops with ENOSPC: the disk is full now
    }
    const r = await rig.pipe(['repro'], {}, 'disk');
    expect(r.code).not.toBe(0);
    expectOneCleanLine(r.stderr, /^pipe: no space left on device while writing \S+\n$/);
  });
});
