// The worker pool with a real worker (test/support/echo-worker.ts): results, handler errors, crashes, timeouts,
// the queue limit, start failures and closing; and the core budget it is sized from.
import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import type { EchoSetup, EchoTask } from '../../test/support/echo-worker.js';
import { coreBudget } from './core-budget.js';
import { WorkerPool, WorkerPoolError, type WorkerPoolOptions } from './worker-pool.js';

const pools: WorkerPool<EchoSetup, EchoTask, string>[] = [];

async function startPool(options: Partial<WorkerPoolOptions<EchoSetup>> = {}): Promise<WorkerPool<EchoSetup, EchoTask, string>> {
  const pool = await WorkerPool.start<EchoSetup, EchoTask, string>({
    callerUrl: import.meta.url, entry: '../../test/support/echo-worker', setup: { tag: 'w' }, size: 2, taskName: 'echo', ...options,
  });
  pools.push(pool);
  return pool;
}

function failure(promise: Promise<unknown>): Promise<WorkerPoolError> {
  return promise.then(
    () => { throw new Error('expected a failure'); },
    (error: unknown) => {
      expect(error).toBeInstanceOf(WorkerPoolError);
      return error as WorkerPoolError;
    },
  );
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('WorkerPool', () => {
  it('runs typed tasks on every worker and answers each with its own result', async () => {
    const pool = await startPool({ setup: { tag: 'x' } });
    expect(pool.size).toBe(2);
    const results = await Promise.all([1, 2, 3, 4, 5].map((value) => pool.run({ op: 'echo', value })));
    expect(results).toEqual(['x:1', 'x:2', 'x:3', 'x:4', 'x:5']);
    expect(pool.load).toBe(0);
  });

  it('fails only the task whose handler threw, with its message, and keeps the worker', async () => {
    const pool = await startPool({ size: 1 });
    const error = await failure(pool.run({ op: 'throw', message: 'bad input' }));
    expect([error.reason, error.message]).toEqual(['task-failed', 'bad input']);
    expect(error.workerStack).toMatch(/bad input/);
    expect(await pool.run({ op: 'echo', value: 7 })).toBe('w:7');
  });

  it('fails the task of a worker that exits and replaces the worker', async () => {
    const pool = await startPool({ size: 1 });
    const queued = pool.run({ op: 'echo', value: 1 });
    const error = await failure(pool.run({ op: 'exit', code: 3 }).then(() => queued));
    expect(error.reason).toBe('worker-failed');
    expect(error.message).toBe('echo worker exited (code 3)');
    expect(await pool.run({ op: 'echo', value: 2 })).toBe('w:2');
    expect(pool.size).toBe(1);
  });

  it('times a task out, replaces its worker and keeps serving', async () => {
    const pool = await startPool({ size: 1, taskTimeoutMs: 200 });
    const error = await failure(pool.run({ op: 'sleep', ms: 10_000 }));
    expect([error.reason, error.message]).toEqual(['timeout', 'echo took longer than 200 ms']);
    expect(await pool.run({ op: 'echo', value: 3 })).toBe('w:3');
  });

  it('refuses tasks beyond the queue limit while every worker is busy', async () => {
    const pool = await startPool({ size: 1, maxQueue: 1 });
    const running = pool.run({ op: 'sleep', ms: 300 });
    const waiting = pool.run({ op: 'echo', value: 4 });
    const error = await failure(pool.run({ op: 'echo', value: 5 }));
    expect([error.reason, error.message]).toEqual(['overloaded', 'too many echos in progress; retry later']);
    expect(await Promise.all([running, waiting])).toEqual(['slept', 'w:4']);
  });

  it('rejects the start with the worker\'s own message when setting up fails', async () => {
    const error = await failure(startPool({ setup: { tag: 'w', failStart: 'no model at /nowhere' } }));
    expect([error.reason, error.message]).toEqual(['worker-failed', 'no model at /nowhere']);
  });

  it('fails waiting and later tasks as closed after close()', async () => {
    const pool = await startPool({ size: 1, closedMessage: 'shutting down' });
    const running = failure(pool.run({ op: 'sleep', ms: 10_000 }));
    const waiting = failure(pool.run({ op: 'echo', value: 1 }));
    await pool.close();
    for (const error of await Promise.all([running, waiting, failure(pool.run({ op: 'echo', value: 2 }))])) {
      expect([error.reason, error.message]).toEqual(['closed', 'shutting down']);
    }
  });
});

describe('coreBudget', () => {
  it('reads PIPE_CPUS when set, else every core, and names the variable when it is not a positive integer', () => {
    expect(coreBudget({ PIPE_CPUS: '3' })).toBe(3);
    expect(coreBudget({})).toBe(availableParallelism());
    expect(coreBudget({ PIPE_CPUS: '' })).toBe(availableParallelism());
    expect(() => coreBudget({ PIPE_CPUS: '0' })).toThrow(/^PIPE_CPUS=0: expected a positive integer/);
    expect(() => coreBudget({ PIPE_CPUS: 'two' })).toThrow(RangeError);
  });
});
