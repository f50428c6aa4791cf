// Worker side of parallel hashing: digests every `step`-th chunk of a file starting at `first` into a shared
// buffer, then signals completion (or failure) through a shared counter.
import { closeSync, openSync } from 'node:fs';
import { workerData } from 'node:worker_threads';
import { digestChunks, type ChunkJob } from './chunk-digest.js';

const job = workerData as ChunkJob;
const flags = new Int32Array(job.flags);
try {
  const fd = openSync(job.file, 'r');
  try {
    digestChunks(fd, job);
  } finally {
    closeSync(fd);
  }
} catch {
  Atomics.store(flags, 1, 1);
}
Atomics.add(flags, 0, 1);
Atomics.notify(flags, 0);
