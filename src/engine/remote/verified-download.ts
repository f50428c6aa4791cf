// Brings one remote object into the cache: downloaded to a temporary name inside the cache, re-hashed, and
// renamed into place only when its content matches its address. A mismatch deletes the download and throws.
// A small file object is verified in memory when the backend can hand it over whole (S3), and then written once.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hashBytes, hashFile } from '../hash/hash-file.js';
import { hashListing } from '../hash/measure.js';
import type { ObjectCache } from '../store/object-cache.js';
import type { ObjectRef } from './object-refs.js';
import { withRetry } from './pool.js';
import type { Remote } from './remote.js';

/** A remote object whose content does not match its hash: refused, nothing written. */
export class CorruptRemoteObject extends Error {
  constructor(readonly key: string) {
    super(`${key} on the remote does not match its hash (corrupt); refused`);
    this.name = 'CorruptRemoteObject';
  }
}

/** File objects up to this size (from their record) are verified in memory (a whole-file hash, see hash-file). */
const IN_MEMORY_BYTES = 1 << 20;

/** Temporary names: unique per process (pid + random tag) and per download (a counter). */
const TMP_TAG = `${process.pid}.${randomBytes(4).toString('hex')}`;
let tmpCount = 0;

/** Downloads, verifies and installs `ref`; returns its size in bytes. */
export async function downloadVerified(cache: ObjectCache, remote: Remote, ref: ObjectRef): Promise<number> {
  const target = cache.objectPath(ref.hash, ref.manifest);
  const tmp = `${target}.${TMP_TAG}.${tmpCount++}.tmp`;
  try {
    if (!ref.manifest && ref.sizeBytes <= IN_MEMORY_BYTES && remote.getBytes !== undefined) {
      const getBytes = remote.getBytes.bind(remote);
      const bytes = await withRetry(() => getBytes(ref.key, ref.sizeBytes));
      if (bytes === undefined || bytes.length !== ref.sizeBytes || hashBytes(bytes) !== ref.hash) throw new CorruptRemoteObject(ref.key);
      writeNew(tmp, bytes);
    } else {
      mkdirSync(path.dirname(target), { recursive: true });
      await withRetry(() => remote.get(ref.key, tmp));
      if (!matches(tmp, ref, statSync(tmp).size)) throw new CorruptRemoteObject(ref.key);
      chmodSync(tmp, 0o444);
    }
    renameSync(tmp, target);
    return ref.manifest ? statSync(target).size : ref.sizeBytes;
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** Writes a read-only file, creating its directory only when it is missing (one call in the common case). */
function writeNew(file: string, bytes: Uint8Array): void {
  try {
    writeFileSync(file, bytes, { mode: 0o444 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes, { mode: 0o444 });
  }
}

function matches(file: string, ref: ObjectRef, size: number): boolean {
  if (!ref.manifest) return size === ref.sizeBytes && hashFile(file, size).hash === ref.hash;
  try {
    const rows = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (!Array.isArray(rows)) return false;
    const entries = rows.map((r) => {
      const [p, h, s] = r as [unknown, unknown, unknown];
      if (typeof p !== 'string' || typeof h !== 'string' || typeof s !== 'number') throw new Error('bad row');
      return { path: p, hash: h, size: s };
    });
    return hashListing(entries) === ref.hash;
  } catch {
    return false;
  }
}
