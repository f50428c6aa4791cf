// A cached output as it was at a git revision: git does not hold it (it is git-ignored beside its pipeline), so,
// as `dvc plots diff` does, the revision's lock names its hash and the content comes from the cache.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Project } from '../project.js';
import { gitShow } from '../query/git.js';

/** Content of root-relative `file` at `rev` from the cache, when some pipeline's lock at `rev` records it. */
export function cachedOutputAt(project: Project, rev: string, file: string): string | undefined {
  for (const pipeline of project.pipelines) {
    const dir = path.posix.dirname(pipeline.file);
    const lockRel = dir === '.' ? 'pipeline.lock' : `${dir}/pipeline.lock`;
    const text = gitShow(project.root, rev, lockRel);
    if (!text.ok || text.value === undefined) continue;
    const hash = outputHash(text.value, dir, file);
    if (hash === undefined) continue;
    const object = project.cache.objectPath(hash);
    if (existsSync(object)) return readFileSync(object, 'utf8');
  }
  return undefined;
}

/** The recorded hash of file output `file` (root-relative) in a lock whose paths are relative to `dir`. */
function outputHash(lockText: string, dir: string, file: string): string | undefined {
  let lock: unknown;
  try {
    lock = parse(lockText);
  } catch {
    return undefined;
  }
  const stages = (lock as { stages?: Record<string, { outs?: unknown }> } | null)?.stages ?? {};
  for (const entry of Object.values(stages)) {
    if (!Array.isArray(entry?.outs)) continue;
    for (const out of entry.outs as { path?: unknown; xxh128?: unknown; nfiles?: unknown }[]) {
      if (typeof out.path !== 'string' || typeof out.xxh128 !== 'string' || out.nfiles !== undefined) continue;
      if (path.posix.normalize(path.posix.join(dir, out.path)) === file) return out.xxh128;
    }
  }
  return undefined;
}
