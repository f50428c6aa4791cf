// Run-cache: a changed stage whose exact inputs ran before restores its outputs instead of running.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Rig } from './rig.js';

let rig: Rig;
beforeEach(() => {
  rig = new Rig();
  rig.write('data/in.txt', 'one\n');
  rig.write('params.yaml', 'lr: 1\n');
  rig.write('pipeline.yaml', `stages:
  train:
    cmd: ${rig.fake('train', 'out/model.txt', 'data/in.txt', 'params.yaml')}
    deps: [data/in.txt]
    params: [lr]
    outs: [out/model.txt]
`);
});
afterEach(() => rig.cleanup());

describe('run-cache', () => {
  test('going back to earlier inputs restores the earlier outputs and says so', async () => {
    await rig.pipe(['repro']);
    rig.write('params.yaml', 'lr: 2\n');
    await rig.pipe(['repro']);
    expect(rig.read('out/model.txt')).toContain('lr: 2');
    rig.write('params.yaml', 'lr: 1\n');
    const r = await rig.pipe(['repro']);
    expect(r.stdout).toContain("Stage 'train' didn't change since an earlier run, restored its outputs");
    expect(rig.count('train')).toBe(2);
    expect(rig.read('out/model.txt')).toContain('lr: 1');
    expect((await rig.pipe(['status'])).stdout).toContain('up to date');
  });

  test('a param change is never answered from the run-cache (DVC #10296)', async () => {
    await rig.pipe(['repro']);
    rig.write('params.yaml', 'lr: 3\n');
    const r = await rig.pipe(['repro']);
    expect(r.stdout).not.toContain('restored');
    expect(rig.count('train')).toBe(2);
  });

  test('--no-run-cache and --force run the stage', async () => {
    await rig.pipe(['repro']);
    rig.write('data/in.txt', 'two\n');
    await rig.pipe(['repro']);
    rig.write('data/in.txt', 'one\n');
    await rig.pipe(['repro', '--no-run-cache']);
    expect(rig.count('train')).toBe(3);
    await rig.pipe(['repro', '--force']);
    expect(rig.count('train')).toBe(4);
  });

  test('after gc removed its objects, a run-cache entry is not used (DVC #9420)', async () => {
    await rig.pipe(['repro']);
    rig.write('data/in.txt', 'two\n');
    await rig.pipe(['repro']);
    const gc = await rig.pipe(['gc']);
    expect(gc.code).toBe(0);
    rig.write('data/in.txt', 'one\n');
    const r = await rig.pipe(['repro']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('restored');
    expect(rig.count('train')).toBe(3);
    expect(rig.read('out/model.txt')).toContain('one');
  });

  test('a corrupted cache object is detected on restore and the stage runs instead', async () => {
    await rig.pipe(['repro']);
    const lock = rig.read('pipeline.lock');
    const hash = /out\/model\.txt\n\s+xxh128: ([0-9a-f]{32})/.exec(lock)?.[1] ?? '';
    rig.remove('out/model.txt');
    rig.write(`cache/objects/${hash.slice(0, 2)}/${hash.slice(2)}`, 'garbage');
    const r = await rig.pipe(['repro']);
    expect(r.code).toBe(0);
    expect(rig.count('train')).toBe(2);
    expect(rig.read('out/model.txt')).toContain('train');
  });
});

describe('cache objects', () => {
  test('outputs are stored once, read-only, and the object matches the lock hash; the workspace keeps a writable copy (DVC: cache.type reflink,copy)', async () => {
    await rig.pipe(['repro']);
    const hash = /out\/model\.txt\n\s+xxh128: ([0-9a-f]{32})/.exec(rig.read('pipeline.lock'))?.[1] ?? '';
    const object = path.join(rig.dir, 'cache', 'objects', hash.slice(0, 2), hash.slice(2));
    expect(statSync(object).mode & 0o222).toBe(0);
    expect(statSync(path.join(rig.dir, 'out/model.txt')).ino).not.toBe(statSync(object).ino);
    expect(statSync(path.join(rig.dir, 'out/model.txt')).mode & 0o200).not.toBe(0);
    expect(readFileSync(object, 'utf8')).toBe(rig.read('out/model.txt'));
  });
});

describe('directory outputs', () => {
  test('are cached as manifests, restored from the run-cache, and survive gc', async () => {
    rig.write('pipeline.yaml', `stages:
  split:
    cmd: mkdir -p out/parts/sub && echo "$(cat data/in.txt) 1" > out/parts/one.txt && echo 2 > out/parts/sub/two.txt && echo run >> runs.log
    deps: [data/in.txt]
    outs: [out/parts]
  use:
    cmd: cat out/parts/one.txt out/parts/sub/two.txt > out/all.txt
    deps: [out/parts/sub]
    outs: [out/all.txt]
`);
    expect((await rig.pipe(['repro'])).code).toBe(0);
    expect(rig.read('pipeline.lock')).toMatch(/path: out\/parts\n\s+xxh128: [0-9a-f]{32}\n\s+size: \d+\n\s+nfiles: 2/);
    rig.write('data/in.txt', 'two\n');
    await rig.pipe(['repro']);
    expect(rig.read('out/parts/one.txt')).toBe('two 1\n');
    rig.write('data/in.txt', 'one\n');
    const back = await rig.pipe(['repro']);
    expect(back.stdout).toContain("Stage 'split' didn't change since an earlier run, restored its outputs");
    expect(rig.read('out/parts/one.txt')).toBe('one 1\n');
    expect(rig.read('out/parts/sub/two.txt')).toBe('2\n');
    expect(rig.read('runs.log').trim().split('\n')).toHaveLength(2);
    await rig.pipe(['gc']);
    rig.remove('out/parts');
    const restored = await rig.pipe(['repro']);
    expect(restored.stdout).toContain("Stage 'split' didn't change since an earlier run, restored its outputs");
    expect(rig.read('out/parts/sub/two.txt')).toBe('2\n');
    expect((await rig.pipe(['status'])).stdout).toContain('up to date');
  });

  test('a stage removed from pipeline.yaml leaves the lock at the next repro', async () => {
    await rig.pipe(['repro']);
    rig.write('pipeline.yaml', `stages:\n  other:\n    cmd: ${rig.fake('other', 'out/other.txt')}\n    outs: [out/other.txt]\n`);
    await rig.pipe(['repro']);
    const lock = rig.read('pipeline.lock');
    expect(lock).toContain('other:');
    expect(lock).not.toContain('train:');
  });
});
