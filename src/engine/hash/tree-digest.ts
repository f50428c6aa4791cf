// Leaf digests of a tree-hashed file, written into a shared buffer by the main thread and by hash workers.
// Work is claimed in units of consecutive leaves through a shared counter, so the split between threads is
// dynamic, but each leaf's digest lands at its own index: the result never depends on the number of threads.
import { readSync } from 'node:fs';
import { xxh128 } from './xxh3-binding.js';

/** One file's leaves, shared by every thread that digests them. */
export interface TreeJob {
  readonly file: string;
  /** Bytes to digest (the stat size when the job was made). */
  readonly size: number;
  readonly leafBytes: number;
  /** Leaves per claimed unit of work. */
  readonly unitLeaves: number;
  /** 16 bytes per leaf, big-endian digest. */
  readonly digests: SharedArrayBuffer;
  /** Int32 [workers finished, failed flag, leaves digested (progress), next unit to claim]. */
  readonly flags: SharedArrayBuffer;
}

export const FLAG_FINISHED = 0;
export const FLAG_FAILED = 1;
export const FLAG_DONE_LEAVES = 2;
const FLAG_NEXT_UNIT = 3;

/** Number of leaves of a job. */
export function leafCount(job: Pick<TreeJob, 'size' | 'leafBytes'>): number {
  return Math.ceil(job.size / job.leafBytes);
}

/**
 * Claims units until none are left, digesting their leaves from the open file `fd` with the reusable buffer
 * `buf` (leafBytes long: small enough to stay in the CPU cache between the read and the hash, which makes the
 * read ~3× cheaper than into a large buffer). A short read (the file shrank) sets the failed flag.
 */
export function digestUnits(fd: number, job: TreeJob, buf: Buffer): void {
  const flags = new Int32Array(job.flags);
  const out = new DataView(job.digests);
  const leaves = leafCount(job);
  const units = Math.ceil(leaves / job.unitLeaves);
  for (let u = Atomics.add(flags, FLAG_NEXT_UNIT, 1); u < units; u = Atomics.add(flags, FLAG_NEXT_UNIT, 1)) {
    if (Atomics.load(flags, FLAG_FAILED) !== 0) return;
    const end = Math.min(leaves, (u + 1) * job.unitLeaves);
    for (let i = u * job.unitLeaves; i < end; i++) {
      const pos = i * job.leafBytes;
      const want = Math.min(job.leafBytes, job.size - pos);
      if (fillAt(fd, buf, want, pos) !== want) {
        Atomics.store(flags, FLAG_FAILED, 1);
        Atomics.notify(flags, FLAG_DONE_LEAVES);
        return;
      }
      writeDigest(out, i, xxh128(want === buf.length ? buf : buf.subarray(0, want)));
    }
    Atomics.add(flags, FLAG_DONE_LEAVES, end - u * job.unitLeaves);
    Atomics.notify(flags, FLAG_DONE_LEAVES);
  }
}

/** Writes a 128-bit digest big-endian at digest index `i`. */
export function writeDigest(out: DataView, i: number, v: bigint): void {
  out.setBigUint64(i * 16, v >> 64n);
  out.setBigUint64(i * 16 + 8, BigInt.asUintN(64, v));
}

/** Reads up to `want` bytes at `pos` into the start of `buf`; fewer only at end of file. */
export function fillAt(fd: number, buf: Buffer, want: number, pos: number): number {
  let filled = 0;
  while (filled < want) {
    const n = readSync(fd, buf, filled, want - filled, pos + filled);
    if (n === 0) break;
    filled += n;
  }
  return filled;
}
