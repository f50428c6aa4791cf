// Outputs as DVC leaves them: file mode kept (isexec), .gitignore beside cached outputs, cache.type link order,
// and no way to corrupt the cache by editing an output in place. Each test names the DVC test it mirrors.
import { accessSync, constants, lstatSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Rig } from './rig.js';

let rig: Rig;
beforeEach(() => (rig = new Rig()));
afterEach(() => rig.cleanup());

const mode = (rel: string): number => statSync(path.join(rig.dir, rel)).mode & 0o777;
const writable = (rel: string): boolean => {
  try {
    accessSync(path.join(rig.dir, rel), constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

const TOOL = `stages:
  build:
    cmd: printf '#!/bin/sh\\necho hi\\n' > tool.sh && chmod 755 tool.sh && mkdir -p bin && cp tool.sh bin/run && echo data > plain.txt
    deps: [in.txt]
    outs: [tool.sh, bin, plain.txt]
`;

describe('file mode', () => {
  // tests/func/test_checkout.py::test_checkout_executable (isexec recorded and restored)
  test('an executable output stays executable after repro and after restore from the cache; the lock says isexec', async () => {
    rig.write('in.txt', 'x\n');
    rig.write('pipeline.yaml', TOOL);
    expect((await rig.pipe(['repro'])).code).toBe(0);
    expect(mode('tool.sh') & 0o111).not.toBe(0);
    expect(mode('bin/run') & 0o111).not.toBe(0);
    expect(rig.read('pipeline.lock')).toMatch(/path: tool\.sh\n\s+xxh128: \w+\n\s+size: \d+\n\s+isexec: true/);
    rig.remove('tool.sh');
    rig.remove('bin');
    rig.remove('plain.txt');
    // the run-cache restores the outputs from the cache
    rig.write('in.txt', 'y\n');
    expect((await rig.pipe(['repro'])).code).toBe(0);
    rig.write('in.txt', 'x\n');
    const restored = await rig.pipe(['repro']);
    expect(restored.stdout).toContain('restored');
    expect(mode('tool.sh') & 0o111).not.toBe(0);
    expect(mode('bin/run') & 0o111).not.toBe(0);
    expect(mode('plain.txt') & 0o111).toBe(0);
  });
});

describe('link types', () => {
  // dvc/config_schema.py cache.type default (reflink, copy): the workspace file is the user's, writable
  test('by default outputs are writable copies; editing one in place does not touch the cache', async () => {
    rig.write('in.txt', 'x\n');
    rig.write('pipeline.yaml', 'stages:\n  a:\n    cmd: cp in.txt out.txt\n    deps: [in.txt]\n    outs: [out.txt]\n');
    expect((await rig.pipe(['repro'])).code).toBe(0);
    expect(writable('out.txt')).toBe(true);
    expect(mode('out.txt') & 0o200).not.toBe(0);
    expect(statSync(path.join(rig.dir, 'out.txt')).nlink).toBe(1);
    writeFileSync(path.join(rig.dir, 'out.txt'), 'edited in place\n', { flag: 'r+' });
    expect((await rig.pipe(['status'])).stdout).toContain('out modified: out.txt');
    const back = await rig.pipe(['repro']);
    expect(back.code).toBe(0);
    expect(rig.read('out.txt')).toBe('x\n'); // restored from an intact cache object
  });

  // tests/func/test_add.py::test_add_unprotected (cache.type hardlink: a read-only hard link)
  test('cache.type hardlink gives protected (read-only) hard links; symlink gives links into the cache; a bad type is named', async () => {
    rig.write('in.txt', 'x\n');
    rig.write('pipeline.yaml', 'stages:\n  a:\n    cmd: cp in.txt out.txt\n    deps: [in.txt]\n    outs: [out.txt]\n');
    rig.write('.pipe/config.yaml', 'cache:\n  type: hardlink,copy\n');
    expect((await rig.pipe(['repro'])).code).toBe(0);
    expect(statSync(path.join(rig.dir, 'out.txt')).nlink).toBe(2);
    expect(mode('out.txt') & 0o222).toBe(0); // read-only (checked by mode: the tests may run as root)
    rig.write('.pipe/config.yaml', 'cache:\n  type: [symlink]\n');
    rig.remove('out.txt');
    expect((await rig.pipe(['repro', '-f'])).code).toBe(0);
    rig.remove('out.txt');
    expect((await rig.pipe(['repro'])).code).toBe(0); // out missing: the run-cache restores it, by symlink
    expect(lstatSync(path.join(rig.dir, 'out.txt')).isSymbolicLink()).toBe(true);
    expect(rig.read('out.txt')).toBe('x\n');
    rig.write('.pipe/config.yaml', 'cache:\n  type: softlink\n');
    rig.write('in.txt', 'z\n');
    const bad = await rig.pipe(['repro']);
    expect(bad.code).toBe(1);
    expect(bad.stderr + bad.stdout).toContain("cache.type: 'softlink' is not one of reflink, hardlink, symlink, copy");
  });
});

describe('.gitignore', () => {
  // tests/func/test_checkout.py::test_gitignore_basic (cached outputs listed, `cache: false` ones not);
  // dvc/repo/remove.py (entries removed with the stage)
  test('cached outputs are added to a .gitignore beside them and removed when the output goes', async () => {
    rig.write('.git/HEAD', 'ref: refs/heads/main\n'); // a work tree (git check-ignore fails harmlessly on this stub)
    rig.write('in.txt', 'x\n');
    rig.write('pipeline.yaml', `stages:
  a:
    cmd: mkdir -p models && cp in.txt models/m.bin && cp in.txt file3
    deps: [in.txt]
    outs:
      - models/m.bin
      - file3:
          cache: false
`);
    expect((await rig.pipe(['repro'])).code).toBe(0);
    expect(rig.read('models/.gitignore')).toBe('/m.bin\n');
    expect(rig.exists('.gitignore')).toBe(false);
    rig.write('pipeline.yaml', 'stages:\n  a:\n    cmd: cp in.txt file3\n    deps: [in.txt]\n    outs:\n      - file3:\n          cache: false\n');
    expect((await rig.pipe(['repro'])).code).toBe(0);
    expect(rig.exists('models/.gitignore')).toBe(false);
  });
});
