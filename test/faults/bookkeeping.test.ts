// An exception thrown while the engine runs or records a stage is not swallowed: the stage fails with a
// failure that names it and keeps the cause (wireit's `unknown-error-thrown`), and other stages go on.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openProject, repro, type ReproEvent } from '../../src/engine/index.js';
import type { ExecOutcome, Executor, StageJob } from '../../src/engine/executors/executor.js';
import { shortPair } from '../../src/engine/report/format-reason.js';
import { consoleLogger } from '../../src/engine/report/console-logger.js';
import { Rig } from '../engine/rig.js';

let rig: Rig;
beforeEach(() => (rig = new Rig()));
afterEach(() => rig.cleanup());

/** Runs nothing; throws for the stage named `bad` as a broken executor would. */
class ThrowingExecutor implements Executor {
  async run(job: StageJob): Promise<ExecOutcome> {
    if (job.stage === 'bad') throw new TypeError('bookkeeping broke');
    return { ok: true };
  }
  async cancelAll(): Promise<void> {}
}

test('an exception inside a stage fails that stage with its cause; independent stages still run', async () => {
  rig.write('pipeline.yaml', 'stages:\n  bad:\n    cmd: "true"\n  good:\n    cmd: "true"\n');
  const project = await openProject(rig.dir);
  if (!project.ok) throw new Error('project did not open');
  const events: ReproEvent[] = [];
  const options = { targets: [], force: false, downstream: false, single: false, wholePipeline: false, dry: false, keepGoing: true, runCache: true, jobs: 1 };
  const result = await repro(project.value, options, new ThrowingExecutor(), (e) => events.push(e), { interrupted: undefined });
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error).toEqual({ reason: 'stage-failed', stages: ['bad'] });
  const failed = events.find((e) => e.type === 'stage-failed');
  expect(failed?.type === 'stage-failed' && failed.stage).toBe('bad');
  if (failed?.type !== 'stage-failed' || failed.outcome.reason !== 'unknown-error-thrown') throw new Error('expected unknown-error-thrown');
  expect(failed.outcome.error).toBeInstanceOf(TypeError);
  let text = '';
  consoleLogger({ out: () => undefined, err: (t) => (text += t) })(failed);
  expect(text).toContain("✘ Stage 'bad' failed: internal error while recording it: TypeError: bookkeeping broke\n    at ");
  expect(events.some((e) => e.type === 'stage-done' && e.stage === 'good')).toBe(true);
});

test('status prints hashes long enough to differ', () => {
  expect(shortPair('c1cd9043aaaa0000', 'c1cd9043bbbb0000')).toBe('c1cd9043aaaa → c1cd9043bbbb');
  expect(shortPair('0123456789abcdef', 'fedcba9876543210')).toBe('01234567 → fedcba98');
});
