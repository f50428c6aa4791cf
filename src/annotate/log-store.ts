// The append-only provenance log (JSON Lines, one file shared by all annotators of an output folder). An append
// resolves only after its line is written and fsynced, so an acknowledged action survives a crash; lines
// written together are committed together (one write + fsync per batch). A torn last line — the server
// killed in the middle of a write that was therefore never acknowledged — is tolerated when reading and cut
// off when the log is reopened for writing.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, ftruncateSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { logEventSchema, type LogEvent } from './log-event.js';

export const LOG_FILE = 'annotations.jsonl';

/** What reading a log found. */
export interface LogRead {
  readonly events: LogEvent[];
  /** Byte length of the complete, valid prefix (where appending resumes). */
  readonly validBytes: number;
  /** A last line without its newline or unparsable at the end (an unacknowledged write cut by a crash). */
  readonly tornTail: boolean;
  /** Complete lines that are not valid events (1-based line numbers); they are kept in the file and skipped. */
  readonly badLines: number[];
}

/** Reads a log file (missing → empty). Never throws on content. */
export function readLog(path: string): LogRead {
  if (!existsSync(path)) return { events: [], validBytes: 0, tornTail: false, badLines: [] };
  const bytes = readFileSync(path);
  const events: LogEvent[] = [];
  const badLines: number[] = [];
  let start = 0;
  let line = 0;
  let validBytes = 0;
  while (start < bytes.length) {
    const nl = bytes.indexOf(0x0a, start);
    line++;
    if (nl < 0) return { events, validBytes, tornTail: true, badLines };
    const event = parseLine(bytes.subarray(start, nl).toString('utf8'));
    if (event !== undefined) events.push(event);
    else badLines.push(line);
    start = nl + 1;
    validBytes = start;
  }
  return { events, validBytes, tornTail: false, badLines };
}

function parseLine(text: string): LogEvent | undefined {
  if (text.trim() === '') return undefined;
  try {
    const parsed = logEventSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The log of one output folder, open for appending by this process only (a lock file keeps out a second). */
export class LogStore {
  private readonly fd: number;
  private pending: { line: string; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private scheduled = false;
  private closed = false;

  private constructor(readonly path: string, private readonly lockPath: string, fd: number) {
    this.fd = fd;
  }

  /** Opens (creating) `<dir>/annotations.jsonl`: cuts a torn tail, takes the lock, returns the store and what it held. */
  static open(dir: string): { store: LogStore; read: LogRead } {
    mkdirSync(dir, { recursive: true });
    const lockPath = join(dir, 'annotate.lock');
    takeLock(lockPath);
    const path = join(dir, LOG_FILE);
    const read = readLog(path);
    const fd = openSync(path, 'a+');
    if (read.tornTail) {
      ftruncateSync(fd, read.validBytes);
      fsyncSync(fd);
    }
    return { store: new LogStore(path, lockPath, fd), read };
  }

  /** Appends one event; resolves once it is on disk (written and fsynced). */
  append(event: LogEvent): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the log is closed'));
    const line = `${JSON.stringify(event)}\n`;
    return new Promise((resolve, reject) => {
      this.pending.push({ line, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    try {
      const bytes = Buffer.from(batch.map((b) => b.line).join(''), 'utf8');
      let written = 0;
      while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written);
      fsyncSync(this.fd);
      for (const b of batch) b.resolve();
    } catch (error) {
      for (const b of batch) b.reject(error);
    }
  }

  /** Flushes what is pending, closes the file and releases the lock. */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    closeSync(this.fd);
    try {
      unlinkSync(this.lockPath);
    } catch {
      // already gone
    }
  }
}

/** Another live process holds the folder's log. */
export class LogLockedError extends Error {
  constructor(readonly lockPath: string, readonly pid: number) {
    super(`${lockPath}: the annotations are open in another process (pid ${pid}); stop it first`);
    this.name = 'LogLockedError';
  }
}

function takeLock(lockPath: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockPath, `${process.pid}\n`, { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new LogLockedError(lockPath, pid);
      unlinkSync(lockPath); // stale: its process is gone (killed), take it over
    }
  }
  throw new Error(`${lockPath}: cannot take the lock`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
