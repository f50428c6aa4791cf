// The run-cache on a remote: entries keep their cache layout (`runs/<2>/<30>.json`), so a teammate's fetch
// brings back the fingerprints of stages someone else ran and `pipe repro` restores them.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { FileRecord } from '../store/lock-types.js';
import type { ObjectCache } from '../store/object-cache.js';

/** A run-cache entry on disk. */
export interface RunEntry {
  readonly key: string;
  readonly file: string;
  readonly outs: readonly FileRecord[];
}

const recordSchema = z.object({ path: z.string(), hash: z.string().regex(/^[0-9a-f]{32}$/), size: z.number().int().min(0), nfiles: z.number().int().min(0).optional() });
const entrySchema = z.object({ outs: z.array(recordSchema) });

/** The output records of a run-cache entry's text, undefined when it is not a valid entry. */
export function parseRunEntry(text: string): FileRecord[] | undefined {
  try {
    const parsed = entrySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.outs.map((o) => (o.nfiles === undefined ? { path: o.path, hash: o.hash, size: o.size } : { ...o, nfiles: o.nfiles })) : undefined;
  } catch {
    return undefined;
  }
}

/** Every valid entry of the local run-cache. */
export function localRunEntries(cache: ObjectCache): RunEntry[] {
  const dir = path.join(cache.dir, 'runs');
  const out: RunEntry[] = [];
  let prefixes: string[] = [];
  try {
    prefixes = readdirSync(dir).filter((p) => /^[0-9a-f]{2}$/.test(p));
  } catch {
    return out;
  }
  for (const prefix of prefixes) {
    for (const name of readdirSync(path.join(dir, prefix))) {
      if (!name.endsWith('.json')) continue;
      const file = path.join(dir, prefix, name);
      const outs = parseRunEntry(readFileSync(file, 'utf8'));
      if (outs !== undefined) out.push({ key: `runs/${prefix}/${name}`, file, outs });
    }
  }
  return out;
}
