// `pipe status --cloud`, as DVC's: per output, whether the local cache and the remote both hold every object it
// needs ('in-sync'), only the local cache ('new': push it), only the remote ('deleted' locally: pull it), or
// neither ('missing').
import { existsSync } from 'node:fs';
import type { FileRecord } from '../store/lock-types.js';
import type { ObjectCache } from '../store/object-cache.js';
import { objectKey, presentOnRemote, refsOf } from './object-refs.js';
import type { Remote } from './remote.js';

export type CloudState = 'in-sync' | 'new' | 'deleted' | 'missing';

export interface CloudStatusRow {
  readonly path: string;
  readonly state: CloudState;
}

/** The cloud state of each record (one listing of the remote per needed prefix). */
export async function cloudStatus(cache: ObjectCache, remote: Remote, records: readonly FileRecord[], jobs: number): Promise<CloudStatusRow[]> {
  const { files, listings } = refsOf(cache, records);
  const present = await presentOnRemote((p) => remote.list(p), [...files, ...listings], jobs);
  return records.map((record) => {
    const { files: f, listings: l } = refsOf(cache, [record]);
    const refs = [...f, ...l];
    const inCache = cache.has(record);
    // a directory whose listing is not local is judged by its listing alone on the remote side
    const onRemote = refs.every((r) => present.has(r.key)) && (record.nfiles === undefined || present.has(objectKey(record.hash, true)));
    const local = inCache && refs.every((r) => existsSync(cache.objectPath(r.hash, r.manifest)));
    const state: CloudState = local && onRemote ? 'in-sync' : local ? 'new' : onRemote ? 'deleted' : 'missing';
    return { path: record.path, state };
  });
}
