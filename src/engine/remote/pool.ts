// Runs many remote operations with bounded concurrency, retrying transient failures with exponential backoff.
import { RemoteError } from './remote.js';

export interface RetryOptions {
  /** Attempts in all (first try included). */
  readonly attempts: number;
  /** Delay before the first retry; doubled each time, with jitter. */
  readonly baseDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 5, baseDelayMs: 200 };

/** Calls `op` until it succeeds, retrying only RemoteErrors of kind 'transient' (and 'unreachable' a few times). */
export async function withRetry<T>(op: () => Promise<T>, retry: RetryOptions = DEFAULT_RETRY): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await op();
    } catch (error) {
      const kind = error instanceof RemoteError ? error.kind : 'other';
      const retriable = kind === 'transient' || (kind === 'unreachable' && attempt < 3);
      if (!retriable || attempt >= retry.attempts) throw error;
      const delayMs = retry.baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random());
      await new Promise((r) => setTimeout(r, delayMs));
    }
  }
}

/**
 * Applies `work` to every item with at most `jobs` in flight. An error for which `isFatal` is true stops new
 * work and is rethrown after the in-flight items settle; other errors go to `onError` and the rest continue.
 */
export async function runPool<T>(
  items: readonly T[],
  jobs: number,
  work: (item: T) => Promise<void>,
  onError: (item: T, error: unknown) => void,
  isFatal: (error: unknown) => boolean,
): Promise<void> {
  let next = 0;
  let fatal: unknown;
  const worker = async (): Promise<void> => {
    while (fatal === undefined && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        if (isFatal(error)) fatal ??= error;
        else onError(item, error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  if (fatal !== undefined) throw fatal;
}
