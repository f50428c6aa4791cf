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

/** Runs independent jobs with the given reservations under a core budget; returns the peak of reserved cores. */
async function runBudget(cores: Record<string, number>, budget: number, jobs: number) {
  let used = 0;
  let peakCores = 0;
  let peakJobs = 0;
  let running = 0;
  const given: Record<string, number> = {};
  const names = Object.keys(cores);
  const result = await schedule(
    { order: names, upstream: () => [], jobs, keepGoing: false, stopped: () => false, coreBudget: budget, cores: (j) => cores[j] ?? 1 },
    async (job, reserved): Promise<JobOutcome> => {
      given[job] = reserved;
      used += reserved;
      running++;
      peakCores = Math.max(peakCores, used);
      peakJobs = Math.max(peakJobs, running);
      await new Promise((r) => setTimeout(r, 5));
      used -= reserved;
      running--;
      return 'ok';
    },
  );
  return { result, peakCores, peakJobs, given };
}

describe('scheduler with a core budget', () => {
  test('running jobs never reserve more than the budget, and jobs that fit run together', async () => {
    const { result, peakCores, peakJobs, given } = await runBudget({ a: 2, b: 2, c: 1, d: 1 }, 2, 4);
    expect(result.succeeded).toHaveLength(4);
    expect(peakCores).toBe(2);
    expect(peakJobs).toBe(2); // c and d together; a and b each alone
    expect(given).toEqual({ a: 2, b: 2, c: 1, d: 1 });
  });
  test('a job asking more than the budget runs alone with the whole budget instead of never', async () => {
    const { result, peakCores, given } = await runBudget({ huge: 16, small: 1 }, 4, 4);
    expect(result.succeeded).toEqual(['huge', 'small']);
    expect(peakCores).toBe(4);
    expect(given['huge']).toBe(4);
  });
  test('-j still caps the number of jobs when cores are left', async () => {
    const { peakJobs, peakCores } = await runBudget({ a: 1, b: 1, c: 1, d: 1 }, 8, 2);
    expect(peakJobs).toBe(2);
    expect(peakCores).toBe(2);
  });
  test('a job that does not fit lets a later one that fits start (backfill)', async () => {
    const started: string[] = [];
    await schedule(
      { order: ['one', 'two', 'three'], upstream: () => [], jobs: 3, keepGoing: false, stopped: () => false, coreBudget: 3, cores: (j) => ({ one: 2, two: 2, three: 1 })[j] ?? 1 },
      async (job) => {
        started.push(job);
        await new Promise((r) => setTimeout(r, 5));
        return 'ok';
      },
    );
    expect(started.slice(0, 2)).toEqual(['one', 'three']);
  });
});

describe('scheduler: jobs that reserve no cores', () => {
  test('start at once even while the budget is taken', async () => {
    const started: string[] = [];
    let releaseBig: () => void = () => undefined;
    const result = await schedule(
      { order: ['big', 'noop', 'small'], upstream: () => [], jobs: 3, keepGoing: false, stopped: () => false, coreBudget: 2, cores: (j) => ({ big: 2, noop: 0, small: 1 })[j] ?? 1 },
      async (job) => {
        started.push(job);
        if (job === 'big') await new Promise<void>((r) => (releaseBig = r));
        if (job === 'noop') releaseBig(); // only reached while big still holds both cores
        return 'ok';
      },
    );
    expect(result.succeeded).toEqual(['big', 'noop', 'small']);
    expect(started).toEqual(['big', 'noop', 'small']);
  });
});
