// `pipe fetch`: downloads into the cache the objects the selected outputs need and the cache lacks (listings
// first, to learn what a directory holds), each verified against its hash before it enters the cache. With
// runCache, also the remote's run-cache entries and the objects they need.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FileRecord } from '../store/lock-types.js';
import type { ObjectCache } from '../store/object-cache.js';
import { objectKey, refsOf, type ObjectRef } from './object-refs.js';
import { runPool, withRetry } from './pool.js';
import { Progress } from './progress.js';
import { RemoteError, type Remote } from './remote.js';
import { parseRunEntry } from './run-cache-sync.js';
import type { TransferOptions } from './push.js';
import { CorruptRemoteObject, downloadVerified } from './verified-download.js';

export interface FetchResult {
  readonly downloaded: number;
  readonly bytes: number;
  /** Keys the remote does not have. */
  readonly missingOnRemote: readonly string[];
  /** Keys whose remote content did not match their hash (refused). */
  readonly corrupt: readonly string[];
  /** Other per-object failures, one line each. */
  readonly failed: readonly string[];
}

const isFatal = (e: unknown): boolean => e instanceof RemoteError && (e.kind === 'auth' || e.kind === 'no-bucket' || e.kind === 'unreachable');

/** Fetches what `records` (and, with runCache, the remote run-cache) need into `cache`. */
export async function fetchObjects(cache: ObjectCache, remote: Remote, records: readonly FileRecord[], options: TransferOptions): Promise<FetchResult> {
  const acc = { downloaded: 0, bytes: 0, missingOnRemote: [] as string[], corrupt: [] as string[], failed: [] as string[] };
  const onError = (ref: ObjectRef, error: unknown): void => {
    if (error instanceof RemoteError && error.kind === 'missing-object') acc.missingOnRemote.push(ref.key);
    else if (error instanceof CorruptRemoteObject) acc.corrupt.push(ref.key);
    else acc.failed.push(`${ref.key}: ${error instanceof Error ? error.message : String(error)}`);
  };
  const runs = options.runCache ? await fetchRunEntries(cache, remote, options.jobs, acc.failed) : [];
  const wanted = [...records, ...runs.flatMap((r) => r.outs)];
  const get = async (ref: ObjectRef, progress?: Progress): Promise<void> => {
    const size = await downloadVerified(cache, remote, ref);
    acc.downloaded++;
    acc.bytes += size;
    progress?.tick(size);
  };
  // listings the cache lacks (or holds damaged) come first: they say which file objects a directory needs
  const { unknownListings } = refsOf(cache, wanted);
  const listingRefs = unknownListings.map((r) => ({ key: objectKey(r.hash, true), hash: r.hash, manifest: true, sizeBytes: 0 }));
  await runPool(dedupe(listingRefs), options.jobs, (r) => get(r), onError, isFatal);
  const { files } = refsOf(cache, wanted);
  const todo = files.filter((r) => !existsSync(cache.objectPath(r.hash)));
  const progress = new Progress('fetch', todo.length, todo.reduce((s, r) => s + r.sizeBytes, 0), options.progress);
  try {
    await runPool(todo, options.jobs, (r) => get(r, progress), onError, isFatal);
  } finally {
    progress.finish();
  }
  for (const r of runs) installRunEntry(cache, r.key, r.text);
  return acc;
}

function dedupe(refs: readonly ObjectRef[]): ObjectRef[] {
  return [...new Map(refs.map((r) => [r.key, r])).values()];
}

interface FetchedRun {
  readonly key: string;
  readonly text: string;
  readonly outs: readonly FileRecord[];
}

/** Downloads the remote run-cache entries the local one lacks; they are installed after their objects. */
async function fetchRunEntries(cache: ObjectCache, remote: Remote, jobs: number, failed: string[]): Promise<FetchedRun[]> {
  const keys = (await withRetry(() => remote.list('runs/'))).filter((k) => /^runs\/[0-9a-f]{2}\/[0-9a-f]{30}\.json$/.test(k));
  const missing = keys.filter((k) => !existsSync(path.join(cache.dir, k)));
  const out: FetchedRun[] = [];
  const tmpDir = path.join(cache.dir, 'tmp');
  mkdirSync(tmpDir, { recursive: true });
  await runPool(
    missing,
    jobs,
    async (key) => {
      const tmp = path.join(tmpDir, `run-${process.pid}-${key.replace(/\//g, '_')}`);
      try {
        await withRetry(() => remote.get(key, tmp));
        const text = readFileSync(tmp, 'utf8');
        const outs = parseRunEntry(text);
        if (outs === undefined) failed.push(`${key}: not a valid run-cache entry; skipped`);
        else out.push({ key, text, outs });
      } finally {
        rmSync(tmp, { force: true });
      }
    },
    (key, error) => void failed.push(`${key}: ${error instanceof Error ? error.message : String(error)}`),
    isFatal,
  );
  return out;
}

function installRunEntry(cache: ObjectCache, key: string, text: string): void {
  const file = path.join(cache.dir, key);
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}
