// Brings one remote object into the cache: downloaded to a temporary name inside the cache, re-hashed, and
// renamed into place only when its content matches its address. A mismatch deletes the download and throws.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { hashFile } from '../hash/hash-file.js';
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

/** Downloads, verifies and installs `ref`; returns its size in bytes. */
export async function downloadVerified(cache: ObjectCache, remote: Remote, ref: ObjectRef): Promise<number> {
  const target = cache.objectPath(ref.hash, ref.manifest);
  mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await withRetry(() => remote.get(ref.key, tmp));
    const size = statSync(tmp).size;
    if (!matches(tmp, ref, size)) throw new CorruptRemoteObject(ref.key);
    chmodSync(tmp, 0o444);
    renameSync(tmp, target);
    return size;
  } finally {
    rmSync(tmp, { force: true });
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
