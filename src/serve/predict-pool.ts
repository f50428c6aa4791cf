// A fixed pool of prediction workers (worker_threads) with a bounded queue and a per-task timeout; a worker that
// times out or dies is replaced, so one bad upload cannot stall the server.
import { Worker } from 'node:worker_threads';
import type { PredictFilesResult } from './predict-files.js';
import type { PredictReply, PredictRequest, PredictWorkerSetup, UploadedFile } from './predict-protocol.js';

/** Why a task did not run to completion. */
export type PoolFailureReason = 'overloaded' | 'timeout' | 'worker-failed' | 'closed';

export class PoolError extends Error {
  constructor(readonly reason: PoolFailureReason, message: string) {
    super(message);
    this.name = 'PoolError';
  }
}

export interface PredictPoolOptions {
  readonly size: number;
  /** Tasks allowed to wait for a free worker; more are refused with 'overloaded'. */
  readonly maxQueue: number;
  /** Per-task limit; the worker is replaced when it is exceeded. */
  readonly taskTimeoutMs: number;
}

interface Task {
  readonly request: PredictRequest;
  readonly resolve: (result: PredictFilesResult) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  task: Task | undefined;
  timer: NodeJS.Timeout | undefined;
}

export class PredictPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextTaskId = 0;
  private closed = false;
  /** Workers being started (a replacement after a timeout or crash). */
  private starting = 0;

  private constructor(
    private readonly setup: PredictWorkerSetup,
    private readonly options: PredictPoolOptions,
  ) {}

  /** Starts `size` workers and resolves once each has loaded the bundle (rejects with the first start failure). */
  static async start(setup: PredictWorkerSetup, options: PredictPoolOptions): Promise<PredictPool> {
    const pool = new PredictPool(setup, options);
    try {
      await Promise.all(Array.from({ length: Math.max(1, options.size) }, () => pool.addSlot()));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  /** Workers in the pool. */
  get size(): number {
    return this.slots.length;
  }

  /** Tasks running or waiting. */
  get load(): number {
    return this.queue.length + this.slots.filter((s) => s.task !== undefined).length;
  }

  /** Predicts a batch of files on the next free worker. Whole-buffer uploads are transferred: the caller must not
   * use their bytes afterwards. */
  run(files: readonly UploadedFile[]): Promise<PredictFilesResult> {
    if (this.closed) return Promise.reject(new PoolError('closed', 'the server is shutting down'));
    if (this.slots.length === 0 && this.starting === 0) return Promise.reject(new PoolError('worker-failed', 'no prediction worker is running'));
    if (this.queue.length >= this.options.maxQueue && this.slots.every((s) => s.task !== undefined)) {
      return Promise.reject(new PoolError('overloaded', 'too many predictions in progress; retry later'));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { taskId: this.nextTaskId++, files }, resolve, reject });
      this.dispatch();
    });
  }

  /** Closes once the running and queued tasks are done (or after `maxWaitMs`): for swapping in a new model. */
  async closeWhenIdle(maxWaitMs: number): Promise<void> {
    const deadline = Date.now() + maxWaitMs;
    while (this.load > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await this.close();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new PoolError('closed', 'the server is shutting down'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.task !== undefined) continue;
      const task = this.queue.shift();
      if (task === undefined) return;
      slot.task = task;
      slot.timer = setTimeout(() => this.fail(slot, new PoolError('timeout', `prediction took longer than ${this.options.taskTimeoutMs} ms`)), this.options.taskTimeoutMs);
      slot.worker.postMessage(task.request, transferable(task.request.files));
    }
  }

  /** Starts one worker and resolves when it reports ready. */
  private addSlot(): Promise<void> {
    return new Promise((resolve, reject) => {
      const slot: Slot = { worker: startWorker(this.setup), task: undefined, timer: undefined };
      let ready = false;
      slot.worker.on('message', (reply: PredictReply) => {
        if (reply.kind === 'ready') {
          ready = true;
          this.slots.push(slot);
          resolve();
          this.dispatch();
        } else if (reply.kind === 'start-failed') {
          reject(new PoolError('worker-failed', reply.message));
        } else {
          this.finish(slot, reply);
        }
      });
      slot.worker.on('error', (error) => (ready ? this.fail(slot, new PoolError('worker-failed', error.message)) : reject(error)));
      slot.worker.on('exit', () => {
        if (!ready) reject(new PoolError('worker-failed', 'prediction worker exited while starting'));
        else if (this.slots.includes(slot)) this.fail(slot, new PoolError('worker-failed', 'prediction worker exited'));
      });
    });
  }

  private finish(slot: Slot, reply: Extract<PredictReply, { taskId: number }>): void {
    const task = slot.task;
    clearTimeout(slot.timer);
    slot.task = undefined;
    if (task !== undefined && task.request.taskId === reply.taskId) {
      if (reply.kind === 'done') task.resolve({ outcomes: reply.outcomes, vectors: reply.vectors });
      else task.reject(new PoolError('worker-failed', reply.message));
    }
    this.dispatch();
  }

  /** Fails the slot's task and replaces its worker. */
  private fail(slot: Slot, error: PoolError): void {
    clearTimeout(slot.timer);
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    slot.task?.reject(error);
    slot.task = undefined;
    void slot.worker.terminate();
    if (this.closed) return;
    this.starting++;
    this.addSlot().then(
      () => void this.starting--,
      (startError: unknown) => {
        this.starting--;
        if (this.slots.length > 0 || this.starting > 0) return;
        for (const task of this.queue.splice(0)) task.reject(new PoolError('worker-failed', String(startError)));
      },
    );
  }
}

/** Buffers that can be moved to the worker instead of copied: each upload's own, whole, unshared buffer. */
function transferable(files: readonly UploadedFile[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const { bytes } of files) {
    const buffer = bytes.buffer;
    if (buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength && buffer.byteLength > 8192) out.add(buffer);
  }
  return [...out];
}

/** Starts a worker on the compiled `predict-worker.js`, or, from TypeScript sources (vitest, tsx), on
 * `predict-worker.ts` through tsx's loader. */
function startWorker(setup: PredictWorkerSetup): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./predict-worker.js', import.meta.url), { workerData: setup });
  const entry = JSON.stringify(new URL('./predict-worker.ts', import.meta.url).href);
  return new Worker(`import('tsx/esm/api').then((tsx) => tsx.tsImport(${entry}, ${entry}))`, { eval: true, workerData: setup });
}
