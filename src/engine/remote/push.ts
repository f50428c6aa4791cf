// `pipe push`: uploads the cache objects the selected outputs need and the remote lacks. Files go first, then
// directory listings, then run-cache entries, so that anything on the remote that refers to objects finds them
// there; a second push after an interruption lists the remote again and sends only what is still missing.
import { existsSync, statSync } from 'node:fs';
import type { FileRecord } from '../store/lock-types.js';
import type { ObjectCache } from '../store/object-cache.js';
import { presentOnRemote, refsOf, type ObjectRef } from './object-refs.js';
import { runPool, withRetry } from './pool.js';
import { Progress } from './progress.js';
import { RemoteError, type Remote } from './remote.js';
import { localRunEntries } from './run-cache-sync.js';

export interface TransferOptions {
  readonly jobs: number;
  readonly progress: boolean;
  /** Also transfer run-cache entries (and the objects they need). */
  readonly runCache: boolean;
}

export interface PushResult {
  readonly uploaded: number;
  readonly bytes: number;
  readonly alreadyThere: number;
  /** Objects the lock references that are not in the local cache (never produced here, or collected). */
  readonly missingLocally: number;
  /** Keys whose upload failed (after retries). */
  readonly failed: readonly string[];
}

/** Uploads what `records` (and, with runCache, the local run-cache) need. Fatal remote errors are thrown. */
export async function push(cache: ObjectCache, remote: Remote, records: readonly FileRecord[], options: TransferOptions): Promise<PushResult> {
  const runs = options.runCache ? localRunEntries(cache) : [];
  const all = [...records, ...runs.flatMap((r) => r.outs)];
  const { files, listings, unknownListings } = refsOf(cache, all);
  const local = (ref: ObjectRef): boolean => existsSync(cache.objectPath(ref.hash, ref.manifest));
  const candidates = [...files, ...listings].filter(local);
  const missingLocally = files.length + listings.length - candidates.length + unknownListings.length;
  const runRefs = runs.map((r) => ({ key: r.key, hash: '', manifest: false, sizeBytes: 0 }));
  const present = await presentOnRemote((p) => remote.list(p), [...candidates, ...runRefs], options.jobs);
  const todo = candidates.filter((r) => !present.has(r.key));
  const failed: string[] = [];
  let uploaded = 0;
  let bytes = 0;
  const progress = new Progress('push', todo.length, todo.reduce((s, r) => s + r.sizeBytes, 0), options.progress);
  const upload = async (ref: ObjectRef, file: string): Promise<void> => {
    const size = ref.sizeBytes > 0 || !ref.manifest ? ref.sizeBytes : statSync(file).size;
    await withRetry(() => remote.put(ref.key, file, size));
    uploaded++;
    bytes += size;
    progress.tick(size);
  };
  const onError = (ref: { key: string }, error: unknown): void => void failed.push(`${ref.key}: ${error instanceof Error ? error.message : String(error)}`);
  const fatal = (e: unknown): boolean => e instanceof RemoteError && (e.kind === 'auth' || e.kind === 'no-bucket' || e.kind === 'unreachable');
  try {
    await runPool(todo.filter((r) => !r.manifest), options.jobs, (r) => upload(r, cache.objectPath(r.hash)), onError, fatal);
    // a listing goes up only once every file it lists is there
    if (failed.length === 0) await runPool(todo.filter((r) => r.manifest), options.jobs, (r) => upload(r, cache.objectPath(r.hash, true)), onError, fatal);
    if (failed.length === 0) {
      const runsTodo = runs.filter((r) => !present.has(r.key));
      await runPool(runsTodo, options.jobs, async (r) => withRetry(() => remote.put(r.key, r.file, statSync(r.file).size)), onError, fatal);
      uploaded += runsTodo.length;
    }
  } finally {
    progress.finish();
  }
  return { uploaded, bytes, alreadyThere: candidates.length - todo.length, missingLocally, failed };
}
