// Places a copy of a cache object in the workspace by the first link type that works, in the configured order
// (DVC's cache.type; default reflink, then copy): always under a temporary name first, then renamed over the
// target (a failed write leaves no temporary file; a full disk is a NoSpaceError). A reflink or copy is the
// user's own writable file (mode 644, or 755 when the output was executable); a hardlink or symlink shares the
// read-only object (DVC's protected mode), so editing in place cannot corrupt it.
import { chmodSync, constants, copyFileSync, linkSync, rmSync, symlinkSync } from 'node:fs';
import { writeVia } from './atomic-write.js';

export type LinkType = 'reflink' | 'hardlink' | 'symlink' | 'copy';
/** DVC's default `cache.type` order. */
export const DEFAULT_LINK_TYPES: readonly LinkType[] = ['reflink', 'copy'];

/** Materialises `source` at `target` atomically by the first of `types` that works (copy as the last resort). */
export function placeFile(source: string, target: string, types: readonly LinkType[], executable = false): LinkType {
  const tmp = `${target}.pipe-tmp-${process.pid}`;
  rmSync(tmp, { force: true });
  let used: LinkType = 'copy';
  writeVia(tmp, target, () => {
    for (const type of types) {
      if (tryPlace(type, source, tmp)) {
        used = type;
        break;
      }
      rmSync(tmp, { force: true });
    }
    if (used === 'copy' && !types.includes('copy')) copyFileSync(source, tmp); // nothing else worked
    if (used === 'copy' || used === 'reflink') chmodSync(tmp, executable ? 0o755 : 0o644);
  });
  return used;
}

function tryPlace(type: LinkType, source: string, tmp: string): boolean {
  try {
    if (type === 'reflink') copyFileSync(source, tmp, constants.COPYFILE_FICLONE_FORCE);
    else if (type === 'hardlink') linkSync(source, tmp);
    else if (type === 'symlink') symlinkSync(source, tmp);
    else copyFileSync(source, tmp);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOSPC' || (error as NodeJS.ErrnoException).code === 'EDQUOT') throw error;
    return false;
  }
}

/** Hard-links `source` to `target`, false when the filesystem refuses. */
export function tryLink(source: string, target: string): boolean {
  try {
    linkSync(source, target);
    return true;
  } catch {
    return false;
  }
}

/** Copies `source` to `target`, by reflink when the filesystem can. */
export function copyOrReflink(source: string, target: string): void {
  try {
    copyFileSync(source, target, constants.COPYFILE_FICLONE_FORCE);
  } catch {
    copyFileSync(source, target);
  }
}
