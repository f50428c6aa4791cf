import { describe, expect, test } from 'vitest';
import { schedule, type JobOutcome } from './scheduler.js';

const ups: Record<string, string[]> = { a: [], b: ['a'], c: ['a'], d: ['b', 'c'], e: [] };
const order = ['a', 'b', 'c', 'd', 'e'];

/** Runs the DAG with jobs that resolve when released, tracking the maximum concurrency. */
async function run(jobs: number, keepGoing: boolean, failing: string[] = []) {
  let running = 0;
  let peak = 0;
  const started: string[] = [];
  const result = await schedule({ order, upstream: (j) => ups[j] ?? [], jobs, keepGoing, stopped: () => false }, async (job): Promise<JobOutcome> => {
    started.push(job);
    running++;
    peak = Math.max(peak, running);
    await new Promise((r) => setTimeout(r, 5));
    running--;
    return failing.includes(job) ? 'failed' : 'ok';
  });
  return { result, peak, started };
}

describe('scheduler', () => {
  test('respects the bound and the edges', async () => {
    const { result, peak, started } = await run(2, false);
    expect(peak).toBeLessThanOrEqual(2);
    expect(result.succeeded).toHaveLength(5);
    expect(started.indexOf('d')).toBeGreaterThan(Math.max(started.indexOf('b'), started.indexOf('c')));
  });
  test('jobs = 1 is sequential', async () => {
    expect((await run(1, false)).peak).toBe(1);
  });
  test('keep-going skips only dependents of the failure', async () => {
    const { result } = await run(1, true, ['b']);
    expect(result.failed).toEqual(['b']);
    expect(result.skipped).toEqual(['d']);
    expect(result.succeeded).toEqual(['a', 'c', 'e']);
  });
  test('without keep-going nothing new starts after a failure', async () => {
    const { result } = await run(1, false, ['a']);
    expect(result.failed).toEqual(['a']);
    expect(result.succeeded).toEqual([]);
  });
});
