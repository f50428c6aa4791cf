// The server's prediction workers: a WorkerPool (bounded queue, per-task timeout, crashed or stuck workers
// replaced) whose workers load the bundle once; upload buffers are moved to the worker, not copied.
import type { Transferable } from 'node:worker_threads';
import { WorkerPool, WorkerPoolError, type WorkerPoolFailureReason } from '../util/worker-pool.js';
import type { PredictFilesResult } from './predict-files.js';
import type { PredictWorkerSetup, UploadedFile } from './predict-protocol.js';

/** Why a prediction did not run to completion (a handler error counts as `worker-failed`). */
export type PoolFailureReason = Exclude<WorkerPoolFailureReason, 'task-failed'>;

export interface PredictPoolOptions {
  readonly size: number;
  /** Tasks allowed to wait for a free worker; more are refused with 'overloaded'. */
  readonly maxQueue: number;
  /** Per-task limit; the worker is replaced when it is exceeded. */
  readonly taskTimeoutMs: number;
}

/** Predicts batches of uploads on worker threads; failures are WorkerPoolErrors with a PoolFailureReason. */
export class PredictPool {
  private constructor(private readonly pool: WorkerPool<PredictWorkerSetup, readonly UploadedFile[], PredictFilesResult>) {}

  /** Starts `size` workers and resolves once each has loaded the bundle (rejects with the first start failure). */
  static async start(setup: PredictWorkerSetup, options: PredictPoolOptions): Promise<PredictPool> {
    const pool = await WorkerPool.start<PredictWorkerSetup, readonly UploadedFile[], PredictFilesResult>({
      callerUrl: import.meta.url,
      entry: 'predict-worker',
      setup,
      size: Math.max(1, options.size),
      maxQueue: options.maxQueue,
      taskTimeoutMs: options.taskTimeoutMs,
      taskName: 'prediction',
      closedMessage: 'the server is shutting down',
    });
    return new PredictPool(pool);
  }

  /** Workers in the pool. */
  get size(): number {
    return this.pool.size;
  }

  /** Tasks running or waiting. */
  get load(): number {
    return this.pool.load;
  }

  /** Predicts a batch of files on the next free worker. Whole-buffer uploads are transferred: the caller must not
   * use their bytes afterwards. */
  async run(files: readonly UploadedFile[]): Promise<PredictFilesResult> {
    try {
      return await this.pool.run(files, transferable(files));
    } catch (error) {
      if (error instanceof WorkerPoolError && error.reason === 'task-failed') throw new WorkerPoolError('worker-failed', error.message);
      throw error;
    }
  }

  /** Closes once the running and queued tasks are done (or after `maxWaitMs`): for swapping in a new model. */
  closeWhenIdle(maxWaitMs: number): Promise<void> {
    return this.pool.closeWhenIdle(maxWaitMs);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/** Buffers that can be moved to the worker instead of copied: each upload's own, whole, unshared buffer. */
function transferable(files: readonly UploadedFile[]): Transferable[] {
  const out = new Set<ArrayBuffer>();
  for (const { bytes } of files) {
    const buffer = bytes.buffer;
    if (buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength && buffer.byteLength > 8192) out.add(buffer);
  }
  return [...out];
}
