// Worker side of parallel hashing: claims units of leaves of a file and digests them into a shared buffer,
// then counts itself finished (or flags a failure).
import { closeSync, openSync } from 'node:fs';
import { workerData } from 'node:worker_threads';
import { digestUnits, FLAG_DONE_LEAVES, FLAG_FAILED, FLAG_FINISHED, type TreeJob } from './tree-digest.js';

const job = workerData as TreeJob;
const flags = new Int32Array(job.flags);
try {
  const fd = openSync(job.file, 'r');
  try {
    digestUnits(fd, job, Buffer.allocUnsafe(job.leafBytes));
  } finally {
    closeSync(fd);
  }
} catch {
  Atomics.store(flags, FLAG_FAILED, 1);
  Atomics.notify(flags, FLAG_DONE_LEAVES);
}
Atomics.add(flags, FLAG_FINISHED, 1);
