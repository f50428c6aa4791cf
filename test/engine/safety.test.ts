// Safety: one repro per project at a time; Ctrl-C kills the running stage's process tree and leaves lock and
// cache consistent; a failed stage's partial outputs never enter cache or lock.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { collect, Rig, waitFor } from './rig.js';

let rig: Rig;
beforeEach(() => (rig = new Rig()));
afterEach(() => rig.cleanup());

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const SLOW = `stages:
  quick:
    cmd: echo done > quick.txt
    outs: [quick.txt]
  slow:
    cmd: echo partial > slow.txt; sleep 120 & echo $! > grandchild.pid; wait
    deps: [quick.txt]
    outs: [slow.txt]
`;

describe('safety', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    test(`${signal} kills the stage's process tree and keeps lock and cache consistent`, async () => {
      rig.write('pipeline.yaml', SLOW);
      const child = rig.spawn(['repro']);
      const done = collect(child);
      await waitFor(() => rig.exists('grandchild.pid') && rig.read('grandchild.pid').trim() !== '', 'the slow stage to start');
      const grandchild = Number(rig.read('grandchild.pid'));
      expect(alive(grandchild)).toBe(true);
      child.kill(signal);
      const r = await done;
      expect(r.code).toBe(130);
      await waitFor(() => !alive(grandchild), 'the grandchild to die', 10_000);
      const lock = rig.read('pipeline.lock');
      expect(lock).toContain('quick:');
      expect(lock).not.toContain('slow:');
      expect(rig.exists('.pipe/repro.pid')).toBe(false);
      const again = await rig.pipe(['status']);
      expect(again.stdout).toContain('slow:');
      expect(again.stdout).not.toContain('quick:');
    });
  }

  /** Starts a repro whose only stage waits for a `release` file, and returns once that stage is running. */
  async function startHeldRepro(): Promise<{ first: ReturnType<Rig['spawn']>; firstDone: ReturnType<typeof collect> }> {
    rig.write('pipeline.yaml', `stages:
  wait:
    cmd: touch running; i=0; while [ ! -e release ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done; echo ok > w.txt
    outs: [w.txt]
`);
    const first = rig.spawn(['repro']);
    const firstDone = collect(first);
    await waitFor(() => rig.exists('running'), 'the first repro to start its stage');
    return { first, firstDone };
  }

  test('a second repro fails at once with the pid holding the lock', async () => {
    const { first, firstDone } = await startHeldRepro();
    const second = await rig.pipe(['repro']);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain(`locked by pid ${first.pid}`);
    rig.write('release', '');
    expect((await firstDone).code).toBe(0);
    expect(rig.read('w.txt')).toBe('ok\n');
    expect((await rig.pipe(['repro'])).code).toBe(0);
  });

  test('with --wait a second repro waits for the first and then finds everything up to date', async () => {
    const { first, firstDone } = await startHeldRepro();
    const second = rig.spawn(['repro', '--wait']);
    let secondErr = '';
    second.stderr?.on('data', (d: Buffer) => (secondErr += d.toString()));
    const secondDone = collect(second);
    await waitFor(() => secondErr.includes(`Waiting for pid ${first.pid}`), 'the second repro to report that it waits');
    rig.write('release', '');
    expect((await firstDone).code).toBe(0);
    const r = await secondDone;
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Stage 'wait' didn't change");
  });

  test('a stale lock of a dead process is taken over', async () => {
    rig.write('pipeline.yaml', 'stages:\n  a:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n');
    rig.write('.pipe/repro.pid', '999999');
    expect((await rig.pipe(['repro'])).code).toBe(0);
  });

  test('a failed stage leaves no cache object and no lock entry; a missing output is a failure', async () => {
    rig.write('pipeline.yaml', 'stages:\n  a:\n    cmd: echo partial > a.txt; exit 2\n    outs: [a.txt]\n  b:\n    cmd: "true"\n    outs: [b.txt]\n');
    const r = await rig.pipe(['repro', '-k']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Stage 'b' failed: it did not produce its output 'b.txt'");
    expect(existsSync(path.join(rig.dir, 'cache', 'objects'))).toBe(false);
    expect(existsSync(path.join(rig.dir, 'pipeline.lock'))).toBe(false);
    expect(readFileSync(path.join(rig.dir, 'a.txt'), 'utf8')).toBe('partial\n');
  });
});
