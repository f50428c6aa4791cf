// When is a stage changed: dep edits, params (tracked and untracked), cmd, removing deps/params/outs.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Rig } from './rig.js';

let rig: Rig;
beforeEach(() => {
  rig = new Rig();
  rig.write('data/in.txt', 'one\n');
  rig.write('params.yaml', 'lr: 0.1\nunused: 5\ntrain:\n  epochs: 3\n');
});
afterEach(() => rig.cleanup());

function pipeline(extra = ''): string {
  return `stages:
  a:
    cmd: ${rig.fake('a', 'out/a.txt', 'data/in.txt')}
    deps: [data/in.txt]
    params: [lr, train]
    outs: [out/a.txt]
  b:
    cmd: ${rig.fake('b', 'out/b.txt', 'out/a.txt')}
    deps: [out/a.txt]
    outs: [out/b.txt]
${extra}`;
}

describe('freshness', () => {
  test('second run does nothing; editing a dep reruns it and, when its output changes, downstream', async () => {
    rig.write('pipeline.yaml', pipeline());
    expect((await rig.pipe(['repro'])).code).toBe(0);
    expect([rig.count('a'), rig.count('b')]).toEqual([1, 1]);
    const again = await rig.pipe(['repro']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Stage 'a' didn't change");
    expect([rig.count('a'), rig.count('b')]).toEqual([1, 1]);
    rig.write('data/in.txt', 'two\n');
    const status = await rig.pipe(['status']);
    expect(status.stdout).toContain('dep modified: data/in.txt');
    await rig.pipe(['repro']);
    expect([rig.count('a'), rig.count('b')]).toEqual([2, 2]);
  });

  test('a tracked param change reruns the stage; an untracked one does not', async () => {
    rig.write('pipeline.yaml', pipeline());
    await rig.pipe(['repro']);
    rig.write('params.yaml', 'lr: 0.1\nunused: 6\ntrain:\n  epochs: 3\n');
    expect((await rig.pipe(['status'])).stdout).toContain('up to date');
    await rig.pipe(['repro']);
    expect(rig.count('a')).toBe(1);
    rig.write('params.yaml', 'lr: 0.1\nunused: 6\ntrain:\n  epochs: 4\n');
    const status = await rig.pipe(['status', '--json']);
    const reasons = JSON.parse(status.stdout) as Record<string, { kind: string; key?: string; old?: unknown; new?: unknown }[]>;
    // A tracked subtree reports the leaf that changed, not the whole mapping.
    expect(reasons['a']).toContainEqual({ kind: 'param-modified', file: 'params.yaml', key: 'train.epochs', old: 3, new: 4 });
    expect((await rig.pipe(['status'])).stdout).toContain('param modified: params.yaml:train.epochs 3 → 4');
    await rig.pipe(['repro']);
    expect(rig.count('a')).toBe(2);
    expect(rig.count('b')).toBe(1); // a's output did not change
  });

  test('a changed cmd reruns the stage (DVC #3918)', async () => {
    rig.write('pipeline.yaml', pipeline());
    await rig.pipe(['repro']);
    rig.write('pipeline.yaml', pipeline().replace(`${rig.fake('a', 'out/a.txt', 'data/in.txt')}`, `FAKE_EXTRA=x ${rig.fake('a', 'out/a.txt', 'data/in.txt')}`));
    const status = await rig.pipe(['status']);
    expect(status.stdout).toContain('cmd changed');
    await rig.pipe(['repro']);
    expect(rig.count('a')).toBe(2);
    expect(rig.read('out/a.txt')).toContain('a x');
  });

  test('removing a dep, a param or an output makes the stage changed (DVC #9913)', async () => {
    rig.write('extra.txt', 'x');
    const full = `stages:
  a:
    cmd: ${rig.fake('a', 'out/a.txt', 'data/in.txt')} && touch out/log.txt
    deps: [data/in.txt, extra.txt]
    params: [lr, train]
    outs: [out/a.txt, out/log.txt]
`;
    rig.write('pipeline.yaml', full);
    await rig.pipe(['repro']);
    rig.write('pipeline.yaml', full.replace('deps: [data/in.txt, extra.txt]', 'deps: [data/in.txt]'));
    expect((await rig.pipe(['status'])).stdout).toContain('dep removed: extra.txt');
    await rig.pipe(['repro']);
    expect(rig.count('a')).toBe(2);
    rig.write('pipeline.yaml', full.replace('deps: [data/in.txt, extra.txt]', 'deps: [data/in.txt]').replace('params: [lr, train]', 'params: [lr]'));
    expect((await rig.pipe(['status'])).stdout).toContain('param removed: params.yaml:train');
    await rig.pipe(['repro']);
    expect(rig.count('a')).toBe(3);
    const noLog = full
      .replace('deps: [data/in.txt, extra.txt]', 'deps: [data/in.txt]')
      .replace('params: [lr, train]', 'params: [lr]')
      .replace('outs: [out/a.txt, out/log.txt]', 'outs: [out/a.txt]');
    rig.write('pipeline.yaml', noLog);
    expect((await rig.pipe(['status'])).stdout).toContain('out removed: out/log.txt');
    await rig.pipe(['repro']);
    expect(rig.count('a')).toBe(4);
    expect((await rig.pipe(['status'])).stdout).toContain('up to date');
  });

  test('a deleted output is restored or rerun; frozen never runs; always_changed always does', async () => {
    rig.write('pipeline.yaml', pipeline(`  c:
    cmd: ${rig.fake('c', 'out/c.txt')}
    outs: [out/c.txt]
    always_changed: true
  d:
    cmd: ${rig.fake('d', 'out/d.txt')}
    outs: [out/d.txt]
    frozen: true
`));
    await rig.pipe(['repro']);
    expect([rig.count('c'), rig.count('d')]).toEqual([1, 0]);
    await rig.pipe(['repro']);
    expect([rig.count('c'), rig.count('d')]).toEqual([2, 0]);
    rig.remove('out/b.txt');
    expect((await rig.pipe(['status'])).stdout).toContain('out deleted: out/b.txt');
    const r = await rig.pipe(['repro', 'b']);
    expect(r.stdout).toContain('restored its outputs');
    expect(rig.count('b')).toBe(1);
    expect(rig.read('out/b.txt')).toContain('b');
  });

  test('persist outputs are kept in place while the stage runs', async () => {
    rig.write('pipeline.yaml', `stages:
  grow:
    cmd: echo line >> out/log.txt
    deps: [data/in.txt]
    outs:
      - out/log.txt:
          persist: true
`);
    rig.write('out/log.txt', 'first\n');
    await rig.pipe(['repro']);
    rig.write('data/in.txt', 'changed\n');
    await rig.pipe(['repro']);
    expect(rig.read('out/log.txt')).toBe('first\nline\nline\n');
  });
});

describe('lock file', () => {
  test('is sorted, stable across runs and records hashes, params and sizes', async () => {
    rig.write('pipeline.yaml', pipeline());
    await rig.pipe(['repro']);
    const first = rig.read('pipeline.lock');
    await rig.pipe(['repro', '--force']);
    expect(rig.read('pipeline.lock')).toBe(first);
    expect(first.indexOf('  a:')).toBeLessThan(first.indexOf('  b:'));
    expect(first).toMatch(/- path: data\/in\.txt\n\s+xxh128: [0-9a-f]{32}\n\s+size: 4/);
    expect(first).toMatch(/params:\n\s+params\.yaml:\n\s+lr: 0\.1\n\s+train:\n\s+epochs: 3/);
  });

  test('a dep above 16 MiB is recorded as xxh128-tree; a lock naming it xxh128 still reads', async () => {
    rig.write('data/big.bin', 'b'.repeat((16 << 20) + 1));
    rig.write('pipeline.yaml', `stages:\n  big:\n    cmd: ${rig.fake('big', 'out/big.txt')}\n    deps: [data/big.bin, data/in.txt]\n    outs: [out/big.txt]\n`);
    await rig.pipe(['repro']);
    const lock = rig.read('pipeline.lock');
    expect(lock).toMatch(/path: data\/big\.bin\n\s+xxh128-tree: [0-9a-f]{32}\n\s+size: 16777217/);
    expect(lock).toMatch(/path: data\/in\.txt\n\s+xxh128: [0-9a-f]{32}/);
    rig.write('pipeline.lock', lock.replace('xxh128-tree:', 'xxh128:'));
    expect((await rig.pipe(['status'])).stdout).toContain('up to date');
    rig.write('pipeline.lock', lock.replace(/xxh128-tree: ([0-9a-f]{32})/, 'xxh128-tree: $1\n        xxh128: $1'));
    expect((await rig.pipe(['status'])).code).not.toBe(0);
  });

  test('a directory dep records its file count and changes when a file inside changes', async () => {
    rig.write('data/dir/x.txt', 'x');
    rig.write('data/dir/sub/y.txt', 'y');
    rig.write('pipeline.yaml', `stages:\n  d:\n    cmd: ${rig.fake('d', 'out/d.txt')}\n    deps: [data/dir]\n    outs: [out/d.txt]\n`);
    await rig.pipe(['repro']);
    expect(rig.read('pipeline.lock')).toMatch(/path: data\/dir\n\s+xxh128: [0-9a-f]{32}\n\s+size: 2\n\s+nfiles: 2/);
    expect((await rig.pipe(['status'])).stdout).toContain('up to date');
    rig.write('data/dir/sub/y.txt', 'z');
    expect((await rig.pipe(['status'])).stdout).toContain('dep modified: data/dir');
    await rig.pipe(['repro']);
    expect(rig.count('d')).toBe(2);
  });
});
