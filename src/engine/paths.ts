// The one path normaliser: every path the engine stores, compares or hashes is project-root-relative POSIX,
// produced here (DVC PR #11098: writer and reader normalising differently kept stages "new" forever).
import path from 'node:path';

/**
 * Normalises `p` (relative to `wdir`, itself root-relative) to a root-relative POSIX path,
 * or undefined when it escapes the project root or is absolute outside it.
 */
export function toRootRelative(root: string, wdir: string, p: string): string | undefined {
  const abs = path.resolve(root, wdir, p);
  const rel = path.relative(root, abs);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/') || '.';
}

/**
 * A dependency path: root-relative POSIX when inside the project, else absolute POSIX (external data, as DVC
 * allows for deps: a corpus on a cluster's shared disk). Outputs use toRootRelative and must stay inside.
 */
export function toDepPath(root: string, wdir: string, p: string): string {
  const rel = toRootRelative(root, wdir, p);
  return rel ?? path.resolve(root, wdir, p).split(path.sep).join('/');
}

/** True for a dependency outside the project (stored as an absolute path). */
export function isExternal(p: string): boolean {
  return p.startsWith('/');
}

/** True when `inner` equals `outer` or lies inside it (both root-relative POSIX). */
export function isInsideOrEqual(inner: string, outer: string): boolean {
  if (outer === '.') return true;
  return inner === outer || inner.startsWith(outer + '/');
}

/** True when two root-relative paths overlap: equal, or one inside the other. */
export function pathsOverlap(a: string, b: string): boolean {
  return isInsideOrEqual(a, b) || isInsideOrEqual(b, a);
}

/** Absolute filesystem path of a root-relative path (an external, absolute one as it is). */
export function absPath(root: string, rel: string): string {
  if (isExternal(rel)) return rel;
  return rel === '.' ? root : path.join(root, rel);
}
