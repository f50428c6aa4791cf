// Which cache objects a set of lock records needs, as remote keys: a file output is one object; a directory
// output is its listing (`.dir`) plus one object per file in it.
import type { Project } from '../project.js';
import type { Failure } from '../failure.js';
import { ok, type Result } from '../result.js';
import { resolveTargets } from '../run/targets.js';
import type { FileRecord } from '../store/lock-types.js';
import type { ObjectCache } from '../store/object-cache.js';

/** One cache object as the remote names it. */
export interface ObjectRef {
  /** `objects/ab/cdef….` (+ `.dir` for a listing). */
  readonly key: string;
  readonly hash: string;
  readonly manifest: boolean;
  readonly sizeBytes: number;
}

/** A cached output of a selected stage, with how it is placed in the workspace. */
export interface SelectedOutput {
  readonly stage: string;
  readonly record: FileRecord;
  /** False for persist outputs (copied, never hard-linked). */
  readonly linkable: boolean;
}

/** The remote key of an object. */
export function objectKey(hash: string, manifest: boolean): string {
  return `objects/${hash.slice(0, 2)}/${hash.slice(2)}${manifest ? '.dir' : ''}`;
}

/** The prefix a key is listed under (`objects/ab/`). */
export function keyPrefix(key: string): string {
  return key.slice(0, key.lastIndexOf('/') + 1);
}

/**
 * The cached outputs the lock records for `targets` (stage or foreach group names; none: every stage), as
 * DVC narrows push/pull to stages' outputs. Outputs declared `cache: false` are git's business and skipped.
 */
export function selectOutputs(project: Project, targets: readonly string[]): Result<SelectedOutput[], Failure> {
  const names = resolveTargets(project.graph, targets);
  if (!names.ok) return names;
  const wanted = names.value.length === 0 ? [...project.graph.byName.keys()] : names.value;
  const selected: SelectedOutput[] = [];
  for (const name of wanted) {
    const entry = project.lock.stages[name];
    const stage = project.graph.byName.get(name);
    if (entry === undefined || stage === undefined) continue;
    for (const record of entry.outs) {
      const spec = stage.outs.find((o) => o.path === record.path);
      if (spec !== undefined && !spec.cache) continue;
      selected.push({ stage: name, record, linkable: spec === undefined || !spec.persist });
    }
  }
  return ok(selected);
}

/**
 * The objects `records` need, listings after the files they list, deduplicated. A directory whose listing is
 * not in the local cache contributes only its listing (`unknownListings` names them for the caller).
 */
export function refsOf(cache: ObjectCache, records: readonly FileRecord[]): { files: ObjectRef[]; listings: ObjectRef[]; unknownListings: FileRecord[] } {
  const files = new Map<string, ObjectRef>();
  const listings = new Map<string, ObjectRef>();
  const unknownListings: FileRecord[] = [];
  for (const r of records) {
    if (r.nfiles === undefined) {
      const key = objectKey(r.hash, false);
      files.set(key, { key, hash: r.hash, manifest: false, sizeBytes: r.size });
      continue;
    }
    const key = objectKey(r.hash, true);
    listings.set(key, { key, hash: r.hash, manifest: true, sizeBytes: 0 });
    const entries = cache.readManifest(r.hash);
    if (entries === undefined) {
      unknownListings.push(r);
      continue;
    }
    for (const e of entries) {
      const k = objectKey(e.hash, false);
      files.set(k, { key: k, hash: e.hash, manifest: false, sizeBytes: e.size });
    }
  }
  return { files: [...files.values()], listings: [...listings.values()], unknownListings };
}

/** The keys among `refs` present on the remote, listing each needed prefix once (never one request per object). */
export async function presentOnRemote(
  list: (prefix: string) => Promise<string[]>,
  refs: readonly ObjectRef[],
  jobs: number,
): Promise<Set<string>> {
  const prefixes = [...new Set(refs.map((r) => keyPrefix(r.key)))];
  const present = new Set<string>();
  const { runPool, withRetry } = await import('./pool.js');
  await runPool(
    prefixes,
    jobs,
    async (prefix) => {
      for (const key of await withRetry(() => list(prefix))) present.add(key);
    },
    () => undefined,
    () => true,
  );
  return present;
}
