// The worker-thread side of a WorkerPool: set up once from `workerData` (load a model, open a feature set…), report
// ready or why not, then answer each task the pool posts with its result or its error.
import { parentPort, workerData, type Transferable } from 'node:worker_threads';
import type { TaskMessage, WorkerMessage } from './worker-protocol.js';

/** Handles one task; may return the buffers to transfer (not copy) back with the result. */
export type TaskHandler<Task, Result> = (task: Task) => Promise<Result> | Result;

export interface ServeTasksOptions<Result> {
  /** Buffers of a result to move to the parent instead of copying. */
  readonly transfer?: (result: Result) => readonly Transferable[];
}

/** Runs in a worker thread: builds the handler from `workerData` with `init`, then serves the pool's tasks. */
export function serveWorkerTasks<Setup, Task, Result>(
  init: (setup: Setup) => Promise<TaskHandler<Task, Result>> | TaskHandler<Task, Result>,
  options: ServeTasksOptions<Result> = {},
): void {
  const port = parentPort;
  if (port === null) throw new Error('serveWorkerTasks must run in a worker thread');
  const post = (message: WorkerMessage<Result>, transfer: readonly Transferable[] = []): void => port.postMessage(message, [...transfer]);
  Promise.resolve()
    .then(() => init(workerData as Setup))
    .then(
      (handle) => {
        port.on('message', (message: TaskMessage<Task>) => {
          Promise.resolve()
            .then(() => handle(message.task))
            .then(
              (result) => post({ kind: 'done', id: message.id, result }, options.transfer?.(result) ?? []),
              (error: unknown) => post({ kind: 'failed', id: message.id, message: messageOf(error), ...stackOf(error) }),
            );
        });
        post({ kind: 'ready' });
      },
      (error: unknown) => post({ kind: 'start-failed', message: messageOf(error) }),
    );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function stackOf(error: unknown): { stack?: string } {
  return error instanceof Error && error.stack !== undefined ? { stack: error.stack } : {};
}
