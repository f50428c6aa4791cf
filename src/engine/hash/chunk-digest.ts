// Per-chunk xxh3-128 digests written into a shared buffer; used by the main thread and by hash workers.
import { readSync } from 'node:fs';
import { xxh128 } from './xxh3-binding.js';

/** A share of a file's chunks: indices first, first + step, … below count. */
export interface ChunkJob {
  readonly file: string;
  readonly chunkBytes: number;
  readonly first: number;
  readonly step: number;
  readonly count: number;
  /** 16 bytes per chunk, big-endian digest. */
  readonly digests: SharedArrayBuffer;
  /** Int32 [finished workers, failed flag, chunks digested so far (a heartbeat)]. */
  readonly flags: SharedArrayBuffer;
}

/** Digests this job's chunks of the open file `fd`. */
export function digestChunks(fd: number, job: ChunkJob): void {
  const buf = Buffer.allocUnsafe(job.chunkBytes);
  const out = new DataView(job.digests);
  for (let i = job.first; i < job.count; i += job.step) {
    let filled = 0;
    while (filled < buf.length) {
      const n = readSync(fd, buf, filled, buf.length - filled, i * job.chunkBytes + filled);
      if (n === 0) break;
      filled += n;
    }
    const v = xxh128(buf.subarray(0, filled));
    out.setBigUint64(i * 16, v >> 64n);
    out.setBigUint64(i * 16 + 8, v & 0xffffffffffffffffn);
    Atomics.add(new Int32Array(job.flags), 2, 1);
  }
}
