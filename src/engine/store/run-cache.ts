// The run-cache: fingerprint of a stage's inputs (its lock entry without output hashes) → the output records
// of the run that had exactly those inputs. Entries live in cache/runs/<2>/<30>.json, each sealed with a digest
// of its key and output records (as DVC names an entry by the hash of its content): an entry edited to point at
// another object, or copied under another key, no longer matches its digest and is ignored.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { hashBytes } from '../hash/hash-file.js';
import { writeFileAtomic } from './atomic-write.js';
import type { FileRecord } from './lock-types.js';
import type { ObjectCache } from './object-cache.js';

/** Absolute path of the run-cache entry for `key`. */
export function runEntryPath(cache: ObjectCache, key: string): string {
  return path.join(cache.dir, 'runs', key.slice(0, 2), `${key.slice(2)}.json`);
}

/** The outputs recorded for `key` when every object they need is still in the cache (DVC #9420). */
export function lookupRun(cache: ObjectCache, key: string): FileRecord[] | undefined {
  const file = runEntryPath(cache, key);
  if (!existsSync(file)) return undefined;
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as { outs?: unknown; digest?: unknown };
    if (!Array.isArray(entry.outs) || !entry.outs.every(isRecord)) return undefined;
    const outs = entry.outs as FileRecord[];
    if (entry.digest !== sealOf(key, outs)) return undefined;
    return outs.every((o) => cache.has(o)) ? outs : undefined;
  } catch {
    return undefined;
  }
}

/** Records the outputs of a successful run under `key`. */
export function recordRun(cache: ObjectCache, key: string, outs: readonly FileRecord[]): void {
  const file = runEntryPath(cache, key);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, JSON.stringify({ outs, digest: sealOf(key, outs) }));
}

function sealOf(key: string, outs: readonly FileRecord[]): string {
  return hashBytes(JSON.stringify([key, outs.map((o) => [o.path, o.hash, o.size, o.nfiles ?? null])]));
}

function isRecord(v: unknown): v is FileRecord {
  const r = v as Partial<FileRecord> | null;
  return (
    typeof r === 'object' && r !== null && typeof r.path === 'string' && typeof r.hash === 'string' && /^[0-9a-f]{32}$/.test(r.hash) &&
    typeof r.size === 'number' && (r.nfiles === undefined || typeof r.nfiles === 'number')
  );
}
