// Content addresses, 128 bits, 32 hex chars:
// - a file of at most TREE_ABOVE bytes (16 MiB): XXH3-128 of its bytes (what `xxhsum -H2` prints);
// - a larger file: the "xxh128-tree" address: XXH3-128 over [leaf size u64 LE, file length u64 LE, the
//   XXH3-128 digest (16 bytes big-endian) of each consecutive LEAF_BYTES (64 KiB) leaf in file order]. Leaves
//   are digested by all cores for files from PARALLEL_BYTES up; the address is the same for any thread count.
// The lock file names the two kinds differently (`xxh128` / `xxh128-tree`, see isTreeHashed).
import { closeSync, fstatSync, openSync } from 'node:fs';
import { parallelDigests } from './parallel-digests.js';
import { fillAt, writeDigest } from './tree-digest.js';
import { isTreeHashed, LEAF_BYTES, TREE_ABOVE } from './tree-scheme.js';
import { xxh128 } from './xxh3-binding.js';

export { isTreeHashed, LEAF_BYTES, TREE_ABOVE };

/** Files at least this large are hashed by several threads (same result). */
const PARALLEL_BYTES = 128 << 20;

let head: Buffer | undefined;
let leaf: Buffer | undefined;

/** Hex xxh3-128 of bytes or text. */
export function hashBytes(data: Uint8Array | string): string {
  return hex(xxh128(data));
}

function hex(v: bigint): string {
  return v.toString(16).padStart(32, '0');
}

/** The tree address of a file of `size` bytes from its concatenated leaf digests. */
export function treeRoot(digests: Uint8Array, size: number, leafBytes = LEAF_BYTES): string {
  const input = Buffer.allocUnsafe(16 + digests.length);
  input.writeBigUInt64LE(BigInt(leafBytes), 0);
  input.writeBigUInt64LE(BigInt(size), 8);
  input.set(digests, 16);
  return hashBytes(input);
}

/**
 * Hashes the file at `abs`, returning its content address and the number of bytes hashed. `knownSize` (the
 * stat size, when the caller has it) enables multi-threaded hashing of large files; `threads` overrides the
 * thread count (tests).
 */
export function hashFile(abs: string, knownSize = -1, threads?: number): { hash: string; size: number } {
  leaf ??= Buffer.allocUnsafe(LEAF_BYTES);
  if (knownSize >= PARALLEL_BYTES) {
    const digests = parallelDigests(abs, knownSize, LEAF_BYTES, leaf, threads);
    if (digests !== undefined) return { hash: treeRoot(digests, knownSize), size: knownSize };
  }
  head ??= Buffer.allocUnsafe(TREE_ABOVE + 1);
  const fd = openSync(abs, 'r');
  try {
    const n = fillAt(fd, head, head.length, 0);
    if (!isTreeHashed(n)) return { hash: hashBytes(head.subarray(0, n)), size: n };
    // Tree: the first TREE_ABOVE bytes (a whole number of leaves) are in `head`, the rest streams through `leaf`.
    let digests = Buffer.allocUnsafe(16 * Math.ceil(Math.max(fstatSync(fd).size, n) / LEAF_BYTES));
    let view = new DataView(digests.buffer, digests.byteOffset, digests.length);
    let count = 0;
    const push = (v: bigint): void => {
      if ((count + 1) * 16 > digests.length) {
        const grown = Buffer.allocUnsafe(digests.length * 2);
        digests.copy(grown);
        digests = grown;
        view = new DataView(digests.buffer, digests.byteOffset, digests.length);
      }
      writeDigest(view, count++, v);
    };
    for (let pos = 0; pos < TREE_ABOVE; pos += LEAF_BYTES) push(xxh128(head.subarray(pos, pos + LEAF_BYTES)));
    let size = TREE_ABOVE;
    for (;;) {
      const m = fillAt(fd, leaf, LEAF_BYTES, size);
      if (m === 0) break;
      push(xxh128(m === LEAF_BYTES ? leaf : leaf.subarray(0, m)));
      size += m;
      if (m < LEAF_BYTES) break;
    }
    return { hash: treeRoot(digests.subarray(0, count * 16), size), size };
  } finally {
    closeSync(fd);
  }
}
