// Leaf digests of a large file computed by the main thread plus worker threads (one per further core),
// synchronously (the main thread blocks on a shared counter), so `hashFile` stays a plain function. The main
// thread starts at once; workers join as soon as they have loaded and claim whatever units are left, so a slow
// worker start costs nothing. Returns undefined (hash sequentially instead) when the file shrank underneath
// or a worker failed; the digests are identical to sequential hashing.
import { closeSync, existsSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { digestUnits, FLAG_DONE_LEAVES, FLAG_FAILED, leafCount, type TreeJob } from './tree-digest.js';

const WORKER = fileURLToPath(new URL('./hash-worker.js', import.meta.url));
const MAX_THREADS = 16;
/** Leaves per unit of work claimed by a thread (with 64 KiB leaves: 8 MiB). */
const UNIT_LEAVES = 128;
/** Give up on the workers when no unit completes for this long. */
const STALL_MS = 15_000;

/**
 * Concatenated 16-byte digests of the `leafBytes` leaves of the first `size` bytes of `file`, or undefined to
 * hash sequentially. `threads` (default: the cores, at most 16) counts the main thread.
 */
export function parallelDigests(file: string, size: number, leafBytes: number, buf: Buffer, threads = Math.min(MAX_THREADS, availableParallelism())): Buffer | undefined {
  const base = { file, size, leafBytes, unitLeaves: UNIT_LEAVES };
  const leaves = leafCount(base);
  const units = Math.ceil(leaves / UNIT_LEAVES);
  const workerCount = Math.min(threads, units) - 1;
  const job: TreeJob = { ...base, digests: new SharedArrayBuffer(leaves * 16), flags: new SharedArrayBuffer(16) };
  const workers: Worker[] = [];
  if (workerCount > 0 && existsSync(WORKER)) {
    // loaded here, not at startup: most runs never hash a large file
    const { Worker: WorkerClass } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
    try {
      for (let t = 0; t < workerCount; t++) workers.push(new WorkerClass(WORKER, { workerData: job }));
    } catch {
      // no workers: the main thread claims every unit
    }
    // the process may exit while a late worker is still starting; it would find no unit left anyway
    for (const w of workers) {
      w.on('error', () => undefined); // a worker that fails to load leaves its units to the others
      w.unref();
    }
  }
  const fd = openSync(file, 'r');
  try {
    digestUnits(fd, job, buf);
  } finally {
    closeSync(fd);
  }
  const flags = new Int32Array(job.flags);
  let progress = -1;
  for (let done = Atomics.load(flags, FLAG_DONE_LEAVES); done < leaves; done = Atomics.load(flags, FLAG_DONE_LEAVES)) {
    if (Atomics.load(flags, FLAG_FAILED) !== 0) break;
    if (Atomics.wait(flags, FLAG_DONE_LEAVES, done, STALL_MS) !== 'timed-out') continue;
    if (done === progress) break; // no unit finished for 2 × STALL_MS: a worker died holding one
    progress = done;
  }
  const ok = Atomics.load(flags, FLAG_DONE_LEAVES) === leaves && Atomics.load(flags, FLAG_FAILED) === 0;
  if (!ok) Atomics.store(flags, FLAG_FAILED, 1); // tells stragglers to stop
  return ok ? Buffer.from(job.digests) : undefined;
}
