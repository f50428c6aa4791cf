// A fixed pool of tune workers: trials run in parallel on separate threads (XGBoost fitting is CPU-bound).
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../../src/util/start-worker.js';
import type { TrialData, TrialScore } from './tune-trial.js';

type Reply = { id: number; ok: true; score: TrialScore } | { id: number; ok: false; reason: string };

export class TrialPool {
  private readonly idle: Worker[] = [];
  private readonly waiting: ((worker: Worker) => void)[] = [];
  private readonly all: Worker[] = [];
  private nextId = 0;

  /** Starts `size` workers, each holding its own copy of the trial data. */
  constructor(size: number, data: TrialData) {
    for (let i = 0; i < size; i++) {
      const worker = startModuleWorker(import.meta.url, 'tune-worker', { workerData: data });
      this.all.push(worker);
      this.idle.push(worker);
    }
  }

  /** Runs one trial on the next free worker. */
  async run(params: Readonly<Record<string, unknown>>): Promise<TrialScore> {
    const worker = this.idle.pop() ?? (await new Promise<Worker>((resolve) => this.waiting.push(resolve)));
    const id = this.nextId++;
    try {
      const reply = await new Promise<Reply>((resolve, reject) => {
        const onMessage = (message: Reply): void => {
          if (message.id !== id) return;
          worker.off('message', onMessage);
          worker.off('error', reject);
          resolve(message);
        };
        worker.on('message', onMessage);
        worker.once('error', reject);
        worker.postMessage({ id, params });
      });
      if (!reply.ok) throw new Error(reply.reason);
      return reply.score;
    } finally {
      const next = this.waiting.shift();
      if (next) next(worker);
      else this.idle.push(worker);
    }
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()));
  }
}
