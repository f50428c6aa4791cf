// Garbage collection: remove cache objects the current lock does not reference, then every run-cache entry
// that can no longer be restored (so an entry never points at collected objects: DVC #9420). Only
// cache/objects and cache/runs are touched (cache/README.md and other files stay).
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { LockFile } from './lock-types.js';
import type { ObjectCache } from './object-cache.js';
import { lookupRun } from './run-cache.js';

export interface GcResult {
  readonly objects: number;
  readonly bytes: number;
  readonly runs: number;
}

/** Collects unreferenced objects (only counts them when `dry`). */
export function gc(cache: ObjectCache, lock: LockFile, dry: boolean): GcResult {
  const keep = new Set<string>();
  for (const entry of Object.values(lock.stages)) {
    for (const out of entry.outs) {
      if (out.nfiles === undefined) {
        keep.add(out.hash);
        continue;
      }
      keep.add(`${out.hash}.dir`);
      for (const e of cache.readManifest(out.hash) ?? []) keep.add(e.hash);
    }
  }
  let objects = 0;
  let bytes = 0;
  const gone = new Set<string>();
  const objectsDir = path.join(cache.dir, 'objects');
  for (const [prefix, file] of listTwoLevels(objectsDir)) {
    const name = prefix + file;
    if (keep.has(name) && !file.endsWith('.tmp')) continue;
    const abs = path.join(objectsDir, prefix, file);
    bytes += statSync(abs).size;
    objects++;
    gone.add(name);
    if (!dry) rmSync(abs, { force: true });
  }
  let runs = 0;
  const runsDir = path.join(cache.dir, 'runs');
  for (const [prefix, file] of listTwoLevels(runsDir)) {
    const key = prefix + file.replace(/\.json$/, '');
    if (!dry && lookupRun(cache, key) !== undefined) continue;
    if (dry && !runNeedsAny(cache, key, gone)) continue;
    runs++;
    if (!dry) rmSync(path.join(runsDir, prefix, file), { force: true });
  }
  return { objects, bytes, runs };
}

function runNeedsAny(cache: ObjectCache, key: string, gone: ReadonlySet<string>): boolean {
  const outs = lookupRun(cache, key);
  return outs === undefined || outs.some((o) => gone.has(o.nfiles === undefined ? o.hash : `${o.hash}.dir`));
}

function listTwoLevels(dir: string): [string, string][] {
  const out: [string, string][] = [];
  let prefixes: string[];
  try {
    prefixes = readdirSync(dir);
  } catch {
    return out;
  }
  for (const prefix of prefixes) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
    for (const file of readdirSync(path.join(dir, prefix))) out.push([prefix, file]);
  }
  return out;
}
