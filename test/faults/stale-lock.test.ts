// Taking over a stale project lock is atomic: with a dead pid in .pipe/repro.pid, eight simultaneous repros
// never run the stage at the same time. A pid file naming a live process that is not this repro's holder
// (pid reused by another program) does not block.
import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { collect, Rig } from '../engine/rig.js';

let rig: Rig;
beforeEach(() => (rig = new Rig()));
afterEach(() => rig.cleanup());

const DEAD_PID = '4194301'; // above the default pid_max: never a live process

/** The stage logs start, holds for a moment, logs end: overlapping runs show as start, start. */
const HELD = (log: string) => `stages:
  a:
    cmd: echo start >> ${log}; sleep 0.2; echo end >> ${log}
    always_changed: true
`;

describe('stale lock takeover', () => {
  test('8 concurrent repros over a dead pid never run the stage twice at once (20 trials)', async () => {
    rig.write('pipeline.yaml', HELD('runs.log'));
    for (let trial = 0; trial < 20; trial++) {
      rig.remove('runs.log');
      rig.write('.pipe/repro.pid', `${DEAD_PID}\n`);
      const results = await Promise.all(Array.from({ length: 8 }, () => collect(rig.spawn(['repro']))));
      const lines = rig.read('runs.log').trim().split('\n');
      for (let i = 0; i < lines.length; i += 2) expect([trial, lines[i], lines[i + 1]]).toEqual([trial, 'start', 'end']);
      const ran = results.filter((r) => r.code === 0).length;
      expect(ran).toBe(lines.length / 2);
      expect(ran).toBeGreaterThanOrEqual(1);
      for (const r of results.filter((x) => x.code !== 0)) expect(r.stderr).toMatch(/project is locked by pid \d+/);
      expect(rig.exists('.pipe/repro.pid')).toBe(false);
    }
  }, 240_000);

  test('a pid file naming a live process that is not pipe does not block', async () => {
    rig.write('pipeline.yaml', 'stages:\n  a:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n');
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      rig.write('.pipe/repro.pid', `${other.pid}\n`); // old format: a bare pid
      expect((await rig.pipe(['repro'])).code).toBe(0);
      rig.remove('a.txt');
      rig.write('.pipe/repro.pid', `${other.pid} 1\n`); // a start time that is not the live process's
      expect((await rig.pipe(['repro'])).code).toBe(0);
    } finally {
      other.kill('SIGKILL');
    }
  });
});
