// Messages between a WorkerPool and the threads it starts (structured-cloned). The payload and result types are the
// pool user's; this envelope adds task ids, the start handshake and failures.

/** Parent → worker: one task. */
export interface TaskMessage<Task> {
  readonly kind: 'task';
  readonly id: number;
  readonly task: Task;
}

/** Worker → parent: started (or not), then one reply per task. */
export type WorkerMessage<Result> =
  | { readonly kind: 'ready' }
  | { readonly kind: 'start-failed'; readonly message: string }
  | { readonly kind: 'done'; readonly id: number; readonly result: Result }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string; readonly stack?: string };
