// Progress of a transfer on stderr: objects and bytes done out of the total, redrawn at most 10 times a second,
// only when stderr is a terminal or progress was asked for.

/** A progress line for one phase (push, fetch). */
export class Progress {
  private done = 0;
  private bytes = 0;
  private lastDrawMs = 0;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly totalBytes: number,
    private readonly enabled: boolean,
    private readonly write: (text: string) => void = (t) => void process.stderr.write(t),
  ) {}

  /** Counts one finished object of `sizeBytes`. */
  tick(sizeBytes: number): void {
    this.done++;
    this.bytes += sizeBytes;
    const now = Date.now();
    if (this.enabled && (now - this.lastDrawMs > 100 || this.done === this.total)) {
      this.lastDrawMs = now;
      this.write(`\r${this.label}: ${this.done}/${this.total} objects, ${formatBytes(this.bytes)}/${formatBytes(this.totalBytes)}`);
    }
  }

  /** Ends the line (when anything was drawn). */
  finish(): void {
    if (this.enabled && this.lastDrawMs > 0) this.write('\n');
  }
}

/** 1536 → '1.5 KiB'. */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v} B` : `${v.toFixed(1)} ${units[i]}`;
}
