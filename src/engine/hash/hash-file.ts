// Content addresses: xxh3-128 (32 hex chars). Files larger than one chunk hash as xxh3-128 over the chunk
// digests plus the size, so hashing streams through a fixed buffer at disk speed.
import { closeSync, openSync, readSync } from 'node:fs';
import { parallelDigests } from './parallel-digests.js';
import { xxh128 } from './xxh3-binding.js';

const CHUNK_BYTES = 16 << 20;
/** Files at least this large are hashed by several threads (same result). */
const PARALLEL_BYTES = 128 << 20;
let buffer: Buffer | undefined;

/** Hex xxh3-128 of bytes or text. */
export function hashBytes(data: Uint8Array | string): string {
  return xxh128(data).toString(16).padStart(32, '0');
}

/** Hashes the file at `abs`, returning its content address and byte size. */
export function hashFile(abs: string, knownSize = -1): { hash: string; size: number } {
  if (knownSize >= PARALLEL_BYTES) {
    const digests = parallelDigests(abs, knownSize, CHUNK_BYTES);
    if (digests !== undefined) return { hash: combine(digests, knownSize), size: knownSize };
  }
  buffer ??= Buffer.allocUnsafe(CHUNK_BYTES);
  const fd = openSync(abs, 'r');
  try {
    const digests: Buffer[] = [];
    let size = 0;
    for (;;) {
      const n = fillChunk(fd, buffer);
      size += n;
      if (n < CHUNK_BYTES && digests.length === 0) return { hash: hashBytes(buffer.subarray(0, n)), size };
      if (n > 0) digests.push(digestBytes(buffer.subarray(0, n)));
      if (n < CHUNK_BYTES) break;
    }
    return { hash: combine(Buffer.concat(digests), size), size };
  } finally {
    closeSync(fd);
  }
}

/** Hash of a multi-chunk file: xxh3-128 over the chunk digests followed by the size (u64 LE). */
function combine(digests: Buffer, size: number): string {
  const tail = Buffer.alloc(8);
  tail.writeBigUInt64LE(BigInt(size));
  return hashBytes(Buffer.concat([digests, tail]));
}

function fillChunk(fd: number, buf: Buffer): number {
  let filled = 0;
  while (filled < buf.length) {
    const n = readSync(fd, buf, filled, buf.length - filled, null);
    if (n === 0) break;
    filled += n;
  }
  return filled;
}

function digestBytes(data: Uint8Array): Buffer {
  const out = Buffer.alloc(16);
  const v = xxh128(data);
  out.writeBigUInt64BE(v >> 64n, 0);
  out.writeBigUInt64BE(v & 0xffffffffffffffffn, 8);
  return out;
}
