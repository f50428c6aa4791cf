// Changed deps for `pipe exp show`, as DVC's table shows them: the deps in an experiment's pipeline.lock whose
// hash differs from the baseline's (the workspace lock), or that the baseline does not have.
import { parseYamlSource } from '../config/yaml-source.js';
import { validateLock } from '../store/lock-schema.js';
import type { LockFile } from '../store/lock-types.js';
import { readCommitBlobs } from './commit-blobs.js';

/** dep path → hash over every stage of `lock` (a path that is a dep of several stages has one hash). */
export function lockDepHashes(lock: LockFile): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const entry of Object.values(lock.stages)) for (const dep of entry.deps) hashes.set(dep.path, dep.hash);
  return hashes;
}

/** Paths in `exp` whose hash differs from `baseline` (sorted); an absent or unreadable lock has none. */
export function changedDeps(baseline: ReadonlyMap<string, string>, exp: ReadonlyMap<string, string>): string[] {
  return [...exp].filter(([p, hash]) => baseline.get(p) !== hash).map(([p]) => p).sort();
}

/** The lock `lockRel` at each commit; undefined where the commit has none or it does not parse. */
export function commitLocks(root: string, commits: readonly string[], lockRel = 'pipeline.lock'): (LockFile | undefined)[] {
  return readCommitBlobs(root, commits.map((c) => `${c}:${lockRel}`)).map((blob) => {
    if (blob === undefined) return undefined;
    const src = parseYamlSource(lockRel, blob.toString('utf8'));
    if (!src.ok) return undefined;
    const valid = validateLock(src.value.value);
    return valid.ok ? valid.value : undefined;
  });
}

/** The dep hashes of `pipeline.lock` at each commit (empty where the commit has no valid lock). */
export function commitDepHashes(root: string, commits: readonly string[]): Map<string, string>[] {
  return commitLocks(root, commits).map((lock) => (lock === undefined ? new Map<string, string>() : lockDepHashes(lock)));
}
