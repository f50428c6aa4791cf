// Outputs stay inside the project: a stage output that is a symbolic link, lies under a symlinked directory
// that leads outside the project, or (for directories) contains a symbolic link is refused before anything
// is removed, chmod-ed or cached, so the engine never acts on a file outside the project through a link.
// DVC likewise refuses outputs that point outside the repository.
import { lstatSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { absPath } from '../paths.js';

/** What is wrong with output `rel` (phrased to follow "output '<rel>' "), or undefined when it is safe. */
export function unsafeOutput(root: string, rel: string, produced: boolean): string | undefined {
  const abs = absPath(root, rel);
  const realRoot = realpathSync(root);
  const parent = nearestExisting(path.dirname(abs));
  let realParent: string;
  try {
    realParent = realpathSync(parent);
  } catch {
    return `lies under a broken symbolic link (${parent})`;
  }
  if (!inside(realRoot, realParent)) return `lies under a symbolic link leading outside the project (${realParent})`;
  if (!produced) return undefined;
  let st;
  try {
    st = lstatSync(abs);
  } catch {
    return undefined; // missing: reported as a missing output
  }
  if (st.isSymbolicLink()) return `is a symbolic link (to ${realTarget(abs)}); outputs must be regular files or directories`;
  if (st.isDirectory()) {
    const link = firstLinkIn(abs);
    if (link !== undefined) return `contains a symbolic link '${path.relative(abs, link)}'; outputs must hold regular files only`;
  }
  return undefined;
}

/** True when `abs` is a regular file with no other hard link (safe to adopt into the cache by linking). */
export function soleLink(abs: string): boolean {
  try {
    const st = lstatSync(abs);
    return st.isFile() && st.nlink === 1;
  } catch {
    return false;
  }
}

function firstLinkIn(dir: string): string | undefined {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) return abs;
    if (entry.isDirectory()) {
      const found = firstLinkIn(abs);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function nearestExisting(dir: string): string {
  let cur = dir;
  for (;;) {
    try {
      lstatSync(cur);
      return cur;
    } catch {
      const up = path.dirname(cur);
      if (up === cur) return cur;
      cur = up;
    }
  }
}

function realTarget(abs: string): string {
  try {
    return realpathSync(abs);
  } catch {
    return 'a missing file';
  }
}

function inside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
