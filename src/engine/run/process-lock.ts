// One repro per project at a time: .pipe/repro.pid created exclusively; a stale file (dead pid) is replaced.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Failure } from '../failure.js';
import { fail, ok, type Result } from '../result.js';

const FILE = 'repro.pid';

/** Takes the project lock, or fails with the pid holding it. Returns the release function. */
export function acquireProcessLock(pipeDir: string): Result<() => void, Failure> {
  mkdirSync(pipeDir, { recursive: true });
  const file = path.join(pipeDir, FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return ok(() => rmSync(file, { force: true }));
    } catch {
      const holder = readPid(file);
      if (holder !== undefined && holder !== process.pid && isAlive(holder)) return fail({ reason: 'locked', pid: holder });
      if (holder === undefined && attempt === 0) continue; // being written right now: look again
      if (readPid(file) === holder) rmSync(file, { force: true });
    }
  }
  const holder = readPid(file);
  return fail({ reason: 'locked', pid: holder ?? 0 });
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isFinite(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
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
