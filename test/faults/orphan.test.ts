// An engine killed outright (SIGKILL, OOM killer, closed terminal) must not leave its stage writing into the
// next run's outputs: the stage's group dies with the engine, and a run started at once ends (or waits for)
// whatever is still running before it touches outputs. The lock and cache must then describe the output.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { collect, Rig, waitFor } from '../engine/rig.js';
import { running } from './procs.js';

let rig: Rig;
beforeEach(() => (rig = new Rig()));
afterEach(() => rig.cleanup());

/** A stage appending 1..N to slow.txt, one line every 50 ms; `trapTerm` makes its shell ignore SIGTERM. */
function slowPipeline(lines: number, trapTerm: boolean): string {
  const trap = trapTerm ? "trap '' TERM; " : '';
  return `stages:
  slow:
    cmd: ${trap}echo $$ > leader.pid; i=1; while [ $i -le ${lines} ]; do echo $i >> slow.txt; sleep 0.05; i=$((i+1)); done
    outs: [slow.txt]
`;
}

const expected = (lines: number) => Array.from({ length: lines }, (_, i) => `${i + 1}\n`).join('');

async function killMidStage(): Promise<number> {
  const engine = rig.spawn(['repro']);
  const done = collect(engine);
  await waitFor(() => rig.exists('slow.txt') && rig.read('slow.txt').split('\n').length > 3, 'the stage to start writing');
  const leader = Number(rig.read('leader.pid'));
  engine.kill('SIGKILL');
  await done;
  return leader;
}

async function expectConsistent(lines: number): Promise<void> {
  expect(rig.read('slow.txt')).toBe(expected(lines));
  // the lock records the output's present content (status re-hashes it) and the cache holds that object
  const status = await rig.pipe(['status']);
  expect(status.stdout).toContain('Pipeline is up to date');
  const hash = /path: slow\.txt\n\s+xxh128: ([0-9a-f]{32})/.exec(rig.read('pipeline.lock'))?.[1] ?? '';
  expect(rig.read(`cache/objects/${hash.slice(0, 2)}/${hash.slice(2)}`)).toBe(expected(lines));
}

describe('an engine killed mid-stage', () => {
  test('its stage group dies with it, without a new run', async () => {
    rig.write('pipeline.yaml', slowPipeline(400, false));
    const leader = await killMidStage();
    await waitFor(() => !running(leader), 'the orphaned stage to die', 10_000);
  });

  test('a repro started at once reruns the stage cleanly: output, lock and status agree', async () => {
    rig.write('pipeline.yaml', slowPipeline(40, false));
    await killMidStage();
    const again = await rig.pipe(['repro']);
    expect(again.code).toBe(0);
    await expectConsistent(40);
  });

  test('a stage that ignores SIGTERM is still ended before the next run touches its output', async () => {
    rig.write('pipeline.yaml', slowPipeline(40, true));
    const leader = await killMidStage();
    const again = await rig.pipe(['repro']);
    expect(again.code).toBe(0);
    expect(running(leader)).toBe(false);
    await expectConsistent(40);
    // nothing appends after the run finished
    await new Promise((r) => setTimeout(r, 300));
    expect(rig.read('slow.txt')).toBe(expected(40));
  });
});
