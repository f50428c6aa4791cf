// Chunk digests of a large file computed by the main thread plus worker threads, synchronously (the main
// thread blocks on a shared counter), so `hashFile` stays a plain function. Falls back to undefined when
// workers are unavailable; the result is identical to sequential hashing.
import { closeSync, existsSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { digestChunks, type ChunkJob } from './chunk-digest.js';

const WORKER = fileURLToPath(new URL('./hash-worker.js', import.meta.url));
const MAX_THREADS = 4;
/** Give up on the workers when no chunk completes for this long. */
const STALL_MS = 15_000;

/** Concatenated 16-byte digests of every chunk of `file` (size `size`), or undefined to hash sequentially. */
export function parallelDigests(file: string, size: number, chunkBytes: number): Buffer | undefined {
  const threads = Math.min(MAX_THREADS, availableParallelism());
  const count = Math.ceil(size / chunkBytes);
  if (threads < 2 || count < 4 || !existsSync(WORKER)) return undefined;
  const digests = new SharedArrayBuffer(count * 16);
  const flags = new SharedArrayBuffer(12);
  const base = { file, chunkBytes, step: threads, count, digests, flags };
  // loaded here, not at startup: most runs never hash a large file
  const { Worker: WorkerClass } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  const workers: Worker[] = [];
  try {
    for (let t = 1; t < threads; t++) workers.push(new WorkerClass(WORKER, { workerData: { ...base, first: t } satisfies ChunkJob }));
  } catch {
    workers.forEach((w) => void w.terminate());
    return undefined;
  }
  const fd = openSync(file, 'r');
  try {
    digestChunks(fd, { ...base, first: 0 });
  } finally {
    closeSync(fd);
  }
  const counter = new Int32Array(flags);
  let progress = -1;
  for (let done = Atomics.load(counter, 0); done < workers.length; done = Atomics.load(counter, 0)) {
    if (Atomics.wait(counter, 0, done, STALL_MS) !== 'timed-out') continue;
    const now = Atomics.load(counter, 2);
    if (now === progress) break; // no chunk finished for STALL_MS: a worker died; hash sequentially
    progress = now;
  }
  const failed = Atomics.load(counter, 0) < workers.length || Atomics.load(counter, 1) !== 0;
  workers.forEach((w) => w.unref());
  return failed ? undefined : Buffer.from(digests);
}
