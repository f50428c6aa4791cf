// Fair admission of prediction work: at most `capacity()` tasks run at once (one per worker) and the waiting
// task of the cheapest request (total audio seconds) goes next, so a short request is not stuck behind long
// ones. Waiting ages a task (AGING_AUDIO_S_PER_S of audio per second waited) so long requests still progress.

/** Seconds of audio a task's priority drops per second it waits. */
export const AGING_AUDIO_S_PER_S = 10;

/** The gate is full: more tasks are waiting than allowed. */
export class GateOverloadedError extends Error {
  constructor() {
    super('too many predictions in progress; retry later');
    this.name = 'GateOverloadedError';
  }
}

interface Waiting {
  readonly costS: number;
  readonly since: number;
  readonly seq: number;
  readonly start: () => void;
}

/** Runs tasks under a concurrency limit, cheapest (aged) request first. */
export class CostGate {
  readonly #waiting: Waiting[] = [];
  #running = 0;
  #seq = 0;

  constructor(
    private readonly capacity: () => number,
    private readonly maxWaiting: number,
  ) {}

  /** Tasks running now. */
  get running(): number {
    return this.#running;
  }

  /** Runs `work` once admitted; `costS` is the audio seconds of the whole request the task belongs to. */
  run<T>(costS: number, work: () => Promise<T>): Promise<T> {
    if (this.#running >= this.capacity() && this.#waiting.length >= this.maxWaiting) return Promise.reject(new GateOverloadedError());
    return new Promise<T>((resolve, reject) => {
      const start = (): void => {
        this.#running++;
        work()
          .then(resolve, reject)
          .finally(() => {
            this.#running--;
            this.#pump();
          });
      };
      this.#waiting.push({ costS, since: Date.now(), seq: this.#seq++, start });
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#running < Math.max(1, this.capacity()) && this.#waiting.length > 0) {
      const now = Date.now();
      let best = 0;
      for (let i = 1; i < this.#waiting.length; i++) if (before(this.#waiting[i]!, this.#waiting[best]!, now)) best = i;
      const [next] = this.#waiting.splice(best, 1);
      next?.start();
    }
  }
}

function before(a: Waiting, b: Waiting, now: number): boolean {
  const pa = a.costS - ((now - a.since) / 1000) * AGING_AUDIO_S_PER_S;
  const pb = b.costS - ((now - b.since) / 1000) * AGING_AUDIO_S_PER_S;
  return pa !== pb ? pa < pb : a.seq < b.seq;
}
