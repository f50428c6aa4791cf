// Changed deps for `pipe exp show`, as DVC's table shows them: the deps in an experiment's pipeline.lock whose
// hash differs from the baseline's (the workspace lock), or that the baseline does not have. `pipe exp run` keeps
// each experiment's dep hashes in its record, so that `exp show` need not parse 200 locks.
import type { LockFile } from '../store/lock-types.js';
import type { StoredExp } from './exp-store.js';

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

/** Each experiment's dep hashes: from its record (`deps`, written since pipe exp run records them), else parsed
 * from the pipeline.lock of its commit (older records; parsing 200 locks costs about a second). */
export async function experimentDepHashes(root: string, exps: readonly StoredExp[]): Promise<Map<string, string>[]> {
  const older = exps.filter((e) => e.record.deps === undefined);
  // loaded only when needed: the YAML and schema modules cost more to load than the whole table takes to build
  const { commitLocks } = older.length > 0 ? await import('./commit-locks.js') : { commitLocks: (): undefined[] => [] };
  const parsed = new Map(commitLocks(root, older.map((e) => e.commit)).map((lock, i) => [older[i]!.commit, lock === undefined ? new Map<string, string>() : lockDepHashes(lock)]));
  return exps.map((e) => (e.record.deps !== undefined ? new Map(Object.entries(e.record.deps)) : (parsed.get(e.commit) ?? new Map<string, string>())));
}
