// Outputs never reach outside the project or into its machinery: a symlinked output is refused without
// chmod-ing its target, an output hard-linked to an outside file is copied (not adopted) into the cache, and
// outputs naming reserved paths are refused at load time before anything is deleted.
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Rig } from '../engine/rig.js';

let rig: Rig;
let outside: string;
beforeEach(() => {
  rig = new Rig();
  outside = mkdtempSync(path.join(tmpdir(), 'pipe-outside-'));
});
afterEach(() => {
  rig.cleanup();
  rmSync(outside, { recursive: true, force: true });
});

function privateFile(name: string, content: string): string {
  const file = path.join(outside, name);
  writeFileSync(file, content);
  chmodSync(file, 0o600);
  return file;
}

describe('outputs that lead outside the project', () => {
  test('an output that is a symlink to an outside file is refused; the file keeps its mode and content', async () => {
    const secret = privateFile('secret.txt', 'private\n');
    rig.write('pipeline.yaml', `stages:\n  a:\n    cmd: ln -s ${secret} out.txt\n    outs: [out.txt]\n`);
    const r = await rig.pipe(['repro']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("output 'out.txt' is a symbolic link");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(statSync(secret).mode & 0o777).toBe(0o600);
    expect(rig.exists('pipeline.lock')).toBe(false);
    expect(rig.exists('cache/objects')).toBe(false);
  });

  test('a directory output holding a symlink is refused', async () => {
    const secret = privateFile('secret.txt', 'private\n');
    rig.write('pipeline.yaml', `stages:\n  a:\n    cmd: mkdir -p d && echo x > d/x && ln -s ${secret} d/link\n    outs: [d]\n`);
    const r = await rig.pipe(['repro']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("output 'd' contains a symbolic link 'link'");
    expect(statSync(secret).mode & 0o777).toBe(0o600);
  });

  test('an output under a symlinked folder leading outside is refused before it is deleted', async () => {
    const victim = privateFile('data.txt', 'keep me\n');
    rig.write('pipeline.yaml', 'stages:\n  a:\n    cmd: echo new > ext/data.txt\n    outs: [ext/data.txt]\n');
    const { symlinkSync, readFileSync } = await import('node:fs');
    symlinkSync(outside, path.join(rig.dir, 'ext'));
    const r = await rig.pipe(['repro']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("output 'ext/data.txt' lies under a symbolic link leading outside the project");
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
  });

  test('an output hard-linked to an outside file is copied into the cache, not adopted', async () => {
    const shared = privateFile('shared.txt', 'shared\n');
    rig.write('pipeline.yaml', `stages:\n  a:\n    cmd: ln ${shared} out.txt\n    outs: [out.txt]\n`);
    const r = await rig.pipe(['repro']);
    expect(r.code).toBe(0);
    const hash = /xxh128: ([0-9a-f]{32})/.exec(rig.read('pipeline.lock'))?.[1] ?? '';
    const object = path.join(rig.dir, 'cache', 'objects', hash.slice(0, 2), hash.slice(2));
    expect(statSync(object).ino).not.toBe(statSync(shared).ino);
    expect(statSync(shared).mode & 0o777).toBe(0o600);
    expect(statSync(shared).nlink).toBe(2); // itself and the workspace output, not the cache
  });
});

describe('reserved outputs', () => {
  const cases: [string, string][] = [
    ['.git', "'.git'"],
    ['.git/config', "'.git'"],
    ['sub/.git', "'sub/.git'"],
    ['cache', "'cache'"],
    ['cache/objects', "'cache'"],
    ['.pipe', "'.pipe'"],
    ['pipeline.yaml', "'pipeline.yaml'"],
    ['params.yaml', "'params.yaml'"],
    ['pipeline.lock', "'pipeline.lock'"],
  ];
  for (const [out, reserved] of cases) {
    test(`'${out}' is refused at load time with file:line:col and nothing is deleted`, async () => {
      rig.write('.git/HEAD', 'ref: refs/heads/main\n');
      rig.write('cache/keep', 'k');
      rig.write('.pipe/keep', 'k');
      rig.write('sub/.git/HEAD', 'h');
      rig.write('params.yaml', 'a: 1\n');
      rig.write('pipeline.yaml', `stages:\n  a:\n    cmd: echo hi\n    outs:\n      - ${out}\n`);
      const r = await rig.pipe(['repro']);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain(`pipeline.yaml:5:9: stage 'a': output '${out}' would overwrite ${reserved}`);
      for (const kept of ['.git/HEAD', 'cache/keep', '.pipe/keep', 'sub/.git/HEAD', 'params.yaml', 'pipeline.yaml']) expect(rig.exists(kept)).toBe(true);
    });
  }
});
