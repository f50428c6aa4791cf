// One repro per project at a time: .pipe/repro.pid names the holder as "pid starttime". It is only ever
// created by link(2) (fails when the file exists) and taken over by rename(2) while holding an exclusive
// marker keyed by the stale file's identity, so two runs can never both take over the same stale lock.
import { linkSync, readFileSync, renameSync, statSync, writeFileSync, mkdirSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { Failure } from '../failure.js';
import { fail, ok, type Result } from '../result.js';
import { isNoSpace, removeFile } from '../store/atomic-write.js';
import { processStartTime } from './process-identity.js';

const FILE = 'repro.pid';

/** Takes the project lock, or fails with the pid holding it. Returns the release function. */
export function acquireProcessLock(pipeDir: string): Result<() => void, Failure> {
  mkdirSync(pipeDir, { recursive: true });
  const file = path.join(pipeDir, FILE);
  const mine = path.join(pipeDir, `${FILE}.${process.pid}.tmp`);
  try {
    writeFileSync(mine, `${process.pid} ${processStartTime(process.pid) ?? ''}\n`);
  } catch (error) {
    removeFile(mine);
    if (isNoSpace(error)) return fail({ reason: 'no-space', path: file });
    throw error;
  }
  try {
    for (let attempt = 0; attempt < 50; attempt++) {
      if (tryLink(mine, file)) return ok(releaser(file));
      const seen = statOrUndefined(file);
      if (seen === undefined) continue; // released meanwhile: try again
      const holder = readHolder(file);
      if (holder === undefined) {
        // a half-written file cannot exist (link is atomic); an unreadable one is stale only when it stays so
        if (Date.now() - seen.mtimeMs < 2000) return fail({ reason: 'locked', pid: 0 });
      } else if (holderIsLive(holder)) return fail({ reason: 'locked', pid: holder.pid });
      if (takeOver(file, seen, mine)) return ok(releaser(file));
    }
    return fail({ reason: 'locked', pid: readHolder(file)?.pid ?? 0 });
  } finally {
    removeFile(mine);
  }
}

/** Replaces the stale lock `seen` by ours, unless another run is replacing it or already has. */
function takeOver(file: string, seen: Stats, mine: string): boolean {
  const marker = `${file}.takeover-${seen.ino}-${Math.round(seen.mtimeMs * 1000)}`;
  try {
    writeFileSync(marker, String(process.pid), { flag: 'wx' });
  } catch {
    return false; // someone else is taking over this very file
  }
  try {
    const now = statOrUndefined(file);
    if (now === undefined || now.ino !== seen.ino || now.mtimeMs !== seen.mtimeMs) return false;
    renameSync(mine, file);
    return true;
  } finally {
    removeFile(marker);
  }
}

function releaser(file: string): () => void {
  return () => {
    // only remove the file while it is still ours (a takeover of a wrongly-presumed-stale lock must not be undone)
    if (readHolder(file)?.pid === process.pid) removeFile(file);
  };
}

interface Holder {
  readonly pid: number;
  readonly startTime: string | undefined;
}

function readHolder(file: string): Holder | undefined {
  try {
    const [pidText, startTime] = readFileSync(file, 'utf8').trim().split(/\s+/);
    const pid = Number.parseInt(pidText ?? '', 10);
    return Number.isFinite(pid) && pid > 0 ? { pid, startTime: startTime === '' ? undefined : startTime } : undefined;
  } catch {
    return undefined;
  }
}

/** The holder still runs: same pid and, where recorded, the same start time (a reused pid is not the holder). */
function holderIsLive(holder: Holder): boolean {
  if (holder.pid === process.pid) return false;
  if (!isAlive(holder.pid)) return false;
  const start = processStartTime(holder.pid);
  if (holder.startTime !== undefined && start !== undefined) return start === holder.startTime;
  // an old-style file without a start time: live only when the process looks like a node `pipe`
  return holder.startTime !== undefined || looksLikePipe(holder.pid);
}

function looksLikePipe(pid: number): boolean {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return argv.some((a) => /(^|\/)pipe(\.js)?$/.test(a) || a.endsWith('cli/main.js'));
  } catch {
    return true; // no /proc: cannot tell, assume it is
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryLink(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch {
    return false;
  }
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

/** Takes the project lock, polling while another live process holds it; `onWait` is told once who holds it. */
export async function waitForProcessLock(pipeDir: string, onWait: (pid: number) => void): Promise<() => void> {
  let told = false;
  for (;;) {
    const lock = acquireProcessLock(pipeDir);
    if (lock.ok) return lock.value;
    if (lock.error.reason === 'locked' && !told) {
      onWait(lock.error.pid);
      told = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
