// The run-cache: fingerprint of a stage's inputs (its lock entry without output hashes) → the output records
// of the run that had exactly those inputs. Entries live in cache/runs/<2>/<30>.json.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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
    const outs = (JSON.parse(readFileSync(file, 'utf8')) as { outs: FileRecord[] }).outs;
    return outs.every((o) => cache.has(o)) ? outs : undefined;
  } catch {
    return undefined;
  }
}

/** Records the outputs of a successful run under `key`. */
export function recordRun(cache: ObjectCache, key: string, outs: readonly FileRecord[]): void {
  const file = runEntryPath(cache, key);
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ outs }));
  renameSync(tmp, file);
}
