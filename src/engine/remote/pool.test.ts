// Retry and bounded concurrency of remote operations.
import { describe, expect, test } from 'vitest';
import { runPool, withRetry } from './pool.js';
import { RemoteError } from './remote.js';

describe('withRetry', () => {
  test('retries transient failures with backoff and returns the eventual result', async () => {
    let calls = 0;
    const value = await withRetry(async () => {
      if (++calls < 3) throw new RemoteError('transient', 'connection reset');
      return 'ok';
    }, { attempts: 5, baseDelayMs: 1 });
    expect(value).toBe('ok');
    expect(calls).toBe(3);
  });

  test('gives up after the last attempt, and never retries an auth failure', async () => {
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw new RemoteError('transient', 'slow down'); }, { attempts: 3, baseDelayMs: 1 })).rejects.toThrow('slow down');
    expect(calls).toBe(3);
    calls = 0;
    await expect(withRetry(async () => { calls++; throw new RemoteError('auth', 'denied'); }, { attempts: 3, baseDelayMs: 1 })).rejects.toThrow('denied');
    expect(calls).toBe(1);
  });
});

describe('runPool', () => {
  test('keeps at most `jobs` items in flight and reports per-item errors without stopping', async () => {
    let inFlight = 0;
    let peak = 0;
    const failed: number[] = [];
    await runPool(
      Array.from({ length: 40 }, (_, i) => i),
      4,
      async (i) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 2));
        inFlight--;
        if (i % 10 === 0) throw new Error(`item ${i}`);
      },
      (i) => void failed.push(i),
      () => false,
    );
    expect(peak).toBe(4);
    expect(failed.sort((a, b) => a - b)).toEqual([0, 10, 20, 30]);
  });

  test('a fatal error stops new work and is rethrown', async () => {
    let started = 0;
    const run = runPool([1, 2, 3, 4, 5, 6], 1, async (i) => {
      started++;
      if (i === 2) throw new RemoteError('unreachable', 'no route');
    }, () => undefined, (e) => e instanceof RemoteError);
    await expect(run).rejects.toThrow('no route');
    expect(started).toBe(2);
  });
});
