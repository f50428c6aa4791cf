// A fixed pool of worker threads running typed tasks: each worker is set up once (workerData), then takes one task
// at a time. Waiting tasks queue (optionally bounded); a task may have a time limit. A worker that times out,
// crashes or exits is replaced and only its own task fails, so one bad input cannot stall the pool. The worker side
// is `serveWorkerTasks` (worker-tasks.ts).
import type { Transferable, Worker } from 'node:worker_threads';
import { coreBudget } from './core-budget.js';
import { startModuleWorker } from './start-worker.js';
import type { TaskMessage, WorkerMessage } from './worker-protocol.js';

/** Why a task did not give a result. `task-failed`: the handler threw (the worker lives on). */
export type WorkerPoolFailureReason = 'overloaded' | 'timeout' | 'worker-failed' | 'task-failed' | 'closed';

/** A task's failure; for `task-failed`, `workerStack` is the handler's stack trace when it had one. */
export class WorkerPoolError extends Error {
  constructor(
    readonly reason: WorkerPoolFailureReason,
    message: string,
    readonly workerStack?: string,
  ) {
    super(message);
    this.name = 'WorkerPoolError';
  }
}

export interface WorkerPoolOptions<Setup> {
  /** `import.meta.url` of the module beside which the worker entry lives. */
  readonly callerUrl: string;
  /** The worker entry's file name without extension (`<entry>.js` compiled, `<entry>.ts` from sources). */
  readonly entry: string;
  /** Given to every worker as `workerData`. */
  readonly setup: Setup;
  /** Workers (at least 1). Default: the core budget (`PIPE_CPUS`, else all cores). */
  readonly size?: number;
  /** Tasks allowed to wait while every worker is busy; more are refused as `overloaded`. Default: unbounded. */
  readonly maxQueue?: number;
  /** Per-task limit in ms; the worker is replaced when it is exceeded. Default: none. */
  readonly taskTimeoutMs?: number;
  /** What a task is called in messages (`prediction` → `prediction took longer than 3 ms`). Default `task`. */
  readonly taskName?: string;
  /** Message of the `closed` failure. Default `the <taskName> pool is closed`. */
  readonly closedMessage?: string;
}

interface QueuedTask<Task, Result> {
  readonly id: number;
  readonly task: Task;
  readonly transfer: readonly Transferable[];
  readonly resolve: (result: Result) => void;
  readonly reject: (error: Error) => void;
}

interface Slot<Task, Result> {
  readonly worker: Worker;
  running: QueuedTask<Task, Result> | undefined;
  timer: NodeJS.Timeout | undefined;
}

/** Runs tasks of type `Task` on worker threads that answer with `Result`. */
export class WorkerPool<Setup, Task, Result> {
  private readonly slots: Slot<Task, Result>[] = [];
  private readonly queue: QueuedTask<Task, Result>[] = [];
  private readonly taskName: string;
  private nextId = 0;
  private closed = false;
  /** Replacement workers being started. */
  private starting = 0;

  private constructor(private readonly options: WorkerPoolOptions<Setup>) {
    this.taskName = options.taskName ?? 'task';
  }

  /** Starts the workers and resolves once each is set up; rejects (as `worker-failed`) with the first failure. */
  static async start<Setup, Task, Result>(options: WorkerPoolOptions<Setup>): Promise<WorkerPool<Setup, Task, Result>> {
    const size = options.size ?? coreBudget();
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`worker pool size must be an integer ≥ 1, got ${size}`);
    const pool = new WorkerPool<Setup, Task, Result>(options);
    try {
      await Promise.all(Array.from({ length: size }, () => pool.addSlot()));
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
    return this.queue.length + this.slots.filter((s) => s.running !== undefined).length;
  }

  /** Runs a task on the next free worker. `transfer` lists buffers to move instead of copy (the caller must not
   * use them afterwards). */
  run(task: Task, transfer: readonly Transferable[] = []): Promise<Result> {
    if (this.closed) return Promise.reject(this.closedError());
    if (this.slots.length === 0 && this.starting === 0) return Promise.reject(new WorkerPoolError('worker-failed', `no ${this.taskName} worker is running`));
    const busy = this.slots.every((s) => s.running !== undefined);
    if (busy && this.queue.length >= (this.options.maxQueue ?? Infinity)) {
      return Promise.reject(new WorkerPoolError('overloaded', `too many ${this.taskName}s in progress; retry later`));
    }
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, transfer, resolve, reject });
      this.dispatch();
    });
  }

  /** Closes once the running and queued tasks are done, or after `maxWaitMs` (for swapping in a new pool). */
  async closeWhenIdle(maxWaitMs: number): Promise<void> {
    const deadline = Date.now() + maxWaitMs;
    while (this.load > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await this.close();
  }

  /** Refuses new tasks, fails the waiting ones as `closed` and stops every worker. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(this.closedError());
    const slots = this.slots.splice(0);
    for (const slot of slots) {
      clearTimeout(slot.timer);
      slot.running?.reject(this.closedError());
      slot.running = undefined;
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private closedError(): WorkerPoolError {
    return new WorkerPoolError('closed', this.options.closedMessage ?? `the ${this.taskName} pool is closed`);
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.running !== undefined) continue;
      const next = this.queue.shift();
      if (next === undefined) return;
      slot.running = next;
      const limitMs = this.options.taskTimeoutMs;
      if (limitMs !== undefined) {
        slot.timer = setTimeout(() => this.replace(slot, new WorkerPoolError('timeout', `${this.taskName} took longer than ${limitMs} ms`)), limitMs);
      }
      const message: TaskMessage<Task> = { kind: 'task', id: next.id, task: next.task };
      slot.worker.postMessage(message, [...next.transfer]);
    }
  }

  /** Starts one worker and resolves when it reports ready. */
  private addSlot(): Promise<void> {
    return new Promise((resolve, reject) => {
      const worker = startModuleWorker(this.options.callerUrl, this.options.entry, { workerData: this.options.setup });
      const slot: Slot<Task, Result> = { worker, running: undefined, timer: undefined };
      let ready = false;
      const startFailed = (message: string): void => {
        if (ready) return;
        ready = true; // settled: later events of this worker are ignored
        void worker.terminate();
        reject(new WorkerPoolError('worker-failed', message));
      };
      worker.on('message', (message: WorkerMessage<Result>) => {
        if (message.kind === 'ready') {
          if (ready) return;
          ready = true;
          if (this.closed) {
            void worker.terminate();
          } else {
            this.slots.push(slot);
            this.dispatch();
          }
          resolve();
        } else if (message.kind === 'start-failed') {
          startFailed(message.message);
        } else {
          this.finish(slot, message);
        }
      });
      worker.on('error', (error) => {
        if (this.slots.includes(slot)) this.replace(slot, new WorkerPoolError('worker-failed', error.message));
        else startFailed(error.message);
      });
      worker.on('exit', (code) => {
        if (this.slots.includes(slot)) this.replace(slot, new WorkerPoolError('worker-failed', `${this.taskName} worker exited (code ${code})`));
        else startFailed(`${this.taskName} worker exited while starting (code ${code})`);
      });
    });
  }

  private finish(slot: Slot<Task, Result>, message: Extract<WorkerMessage<Result>, { id: number }>): void {
    const task = slot.running;
    if (task === undefined || task.id !== message.id) return;
    clearTimeout(slot.timer);
    slot.running = undefined;
    if (message.kind === 'done') task.resolve(message.result);
    else task.reject(new WorkerPoolError('task-failed', message.message, message.stack));
    this.dispatch();
  }

  /** Fails the slot's task with `error`, stops its worker and starts a replacement. */
  private replace(slot: Slot<Task, Result>, error: WorkerPoolError): void {
    clearTimeout(slot.timer);
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    slot.running?.reject(error);
    slot.running = undefined;
    void slot.worker.terminate();
    if (this.closed) return;
    this.starting++;
    this.addSlot().then(
      () => void this.starting--,
      (startError: unknown) => {
        this.starting--;
        if (this.slots.length > 0 || this.starting > 0) return;
        const reason = startError instanceof Error ? startError.message : String(startError);
        for (const task of this.queue.splice(0)) task.reject(new WorkerPoolError('worker-failed', reason));
      },
    );
  }
}
