// Progress on stderr for long feature runs: a redrawn bar on a terminal, a line every few seconds otherwise.

export interface ProgressOptions {
  /** Where to draw. Default process.stderr. */
  readonly stream?: NodeJS.WriteStream;
  /** On a terminal nothing is shown before this much time has passed, so short runs stay silent (in a log: 10 s or
   * this, whichever is longer). Default 500 ms. */
  readonly delayMs?: number;
  /** Label before the counts. Default 'files'. */
  readonly unit?: string;
}

export interface Progress {
  update(done: number, total: number): void;
  /** Clears the bar (terminal) or prints the final count (log). */
  finish(): void;
}

const BAR_WIDTH = 30;
const LOG_INTERVAL_MS = 10_000;

/** A progress reporter; `update` is cheap to call after every batch. */
export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const delayMs = options.delayMs ?? 500;
  const unit = options.unit ?? 'files';
  const tty = stream.isTTY === true;
  const startedMs = Date.now();
  let lastDrawMs = 0;
  let drawn = false;
  let last = { done: 0, total: 0 };
  return {
    update(done, total) {
      last = { done, total };
      const nowMs = Date.now();
      // A log (not a terminal) gets a line only on long runs, every 10 s.
      const intervalMs = tty ? 100 : LOG_INTERVAL_MS;
      if (nowMs - startedMs < (tty ? delayMs : Math.max(delayMs, LOG_INTERVAL_MS)) || nowMs - lastDrawMs < intervalMs) return;
      lastDrawMs = nowMs;
      drawn = true;
      const seconds = ((nowMs - startedMs) / 1000).toFixed(1);
      if (!tty) {
        stream.write(`pipe features: ${done}/${total} ${unit} (${seconds} s)\n`);
        return;
      }
      const filled = total === 0 ? BAR_WIDTH : Math.round((BAR_WIDTH * done) / total);
      stream.write(`\r[${'#'.repeat(filled)}${' '.repeat(BAR_WIDTH - filled)}] ${done}/${total} ${unit} ${seconds} s`);
    },
    finish() {
      if (!drawn) return;
      if (tty) stream.write('\r\x1b[2K');
      else stream.write(`pipe features: ${last.done}/${last.total} ${unit} done\n`);
    },
  };
}
