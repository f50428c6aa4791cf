// A fixed pool of feature workers (worker_threads), each with the feature set opened once.
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../util/start-worker.js';
import type { FeatureRow } from './types.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './worker-protocol.js';

/** Runs `extractFiles` batches on worker threads; `run` resolves with each batch's rows. */
export class FeatureWorkerPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly waiting: (() => void)[] = [];
  private readonly pending = new Map<number, { resolve: (rows: FeatureRow[]) => void; reject: (error: Error) => void }>();
  private nextTaskId = 0;
  /** Set when a worker died: every later `run` rejects with it instead of waiting for a free worker forever. */
  private broken: Error | undefined;

  constructor(size: number, setup: WorkerSetup) {
    for (let i = 0; i < size; i++) {
      const worker = startWorker(setup);
      worker.on('message', (reply: WorkerReply) => this.onReply(worker, reply));
      worker.on('error', (error) => this.failAll(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.failAll(new Error(`feature worker exited with code ${code}`));
      });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  /** Extracts one batch of files on the next free worker. */
  async run(paths: readonly string[]): Promise<FeatureRow[]> {
    while (this.idle.length === 0 && this.broken === undefined) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.broken !== undefined) throw this.broken;
    const worker = this.idle.pop()!;
    const taskId = this.nextTaskId++;
    const request: WorkerRequest = { kind: 'extract', taskId, paths };
    return new Promise<FeatureRow[]>((resolve, reject) => {
      this.pending.set(taskId, { resolve, reject });
      worker.postMessage(request);
    });
  }

  /** Stops the threads (the extractors hold no external resources worth closing in a worker). */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private onReply(worker: Worker, reply: WorkerReply): void {
    const task = this.pending.get(reply.taskId);
    this.pending.delete(reply.taskId);
    this.idle.push(worker);
    this.waiting.shift()?.();
    if (task === undefined) return;
    if (reply.kind === 'rows') task.resolve(reply.rows);
    else task.reject(new Error(`feature worker failed: ${reply.message}`));
  }

  private failAll(error: Error): void {
    this.broken ??= error;
    for (const task of this.pending.values()) task.reject(error);
    this.pending.clear();
    for (const wake of this.waiting.splice(0)) wake();
  }
}

/** Starts a worker on `feature-worker` (compiled, or from sources through tsx). */
function startWorker(setup: WorkerSetup): Worker {
  return startModuleWorker(import.meta.url, 'feature-worker', { workerData: setup });
}
