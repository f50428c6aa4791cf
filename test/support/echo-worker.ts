// Worker entry for the WorkerPool tests: echoes, sleeps, throws or exits as each task asks.
import { serveWorkerTasks } from '../../src/util/worker-tasks.js';

export interface EchoSetup {
  /** Fail the start handshake with this message. */
  readonly failStart?: string;
  readonly tag: string;
}

export type EchoTask =
  | { readonly op: 'echo'; readonly value: number }
  | { readonly op: 'sleep'; readonly ms: number }
  | { readonly op: 'throw'; readonly message: string }
  | { readonly op: 'exit'; readonly code: number };

serveWorkerTasks<EchoSetup, EchoTask, string>((setup) => {
  if (setup.failStart !== undefined) throw new Error(setup.failStart);
  return async (task) => {
    if (task.op === 'echo') return `${setup.tag}:${task.value}`;
    if (task.op === 'sleep') {
      await new Promise((resolve) => setTimeout(resolve, task.ms));
      return 'slept';
    }
    if (task.op === 'throw') throw new Error(task.message);
    process.exit(task.code);
  };
});
