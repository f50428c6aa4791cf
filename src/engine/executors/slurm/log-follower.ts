// Follows a job's log on the shared filesystem: each poll reads what was appended since the last one and hands
// over complete lines (a last line without newline on `flush`), as the local executor streams its pipes.
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const CHUNK_BYTES = 64 * 1024;

/** Reads appended lines of `file` (which may not exist yet). */
export class LogFollower {
  #offset = 0;
  #pending = '';
  #tail = '';
  readonly #decoder = new StringDecoder('utf8');

  constructor(
    readonly file: string,
    private readonly onLine: (line: string) => void,
  ) {}

  /** Emits the complete lines appended since the last call. */
  poll(): void {
    let fd: number;
    try {
      fd = openSync(this.file, 'r');
    } catch {
      return;
    }
    try {
      const buf = Buffer.allocUnsafe(CHUNK_BYTES);
      for (;;) {
        const n = readSync(fd, buf, 0, CHUNK_BYTES, this.#offset);
        if (n <= 0) break;
        this.#offset += n;
        this.take(this.#decoder.write(buf.subarray(0, n)));
      }
    } finally {
      closeSync(fd);
    }
  }

  /** Reads the rest and emits a last unterminated line. */
  flush(): void {
    this.poll();
    if (this.#pending !== '') this.onLine(this.#pending);
    this.#pending = '';
  }

  /** The last few KiB seen (for slurmstepd's kill messages). */
  get tail(): string {
    return this.#tail + this.#pending;
  }

  private take(text: string): void {
    const parts = (this.#pending + text).split('\n');
    this.#pending = parts.pop() ?? '';
    for (const p of parts) this.onLine(p);
    this.#tail = (this.#tail + parts.join('\n') + '\n').slice(-8192);
  }
}
