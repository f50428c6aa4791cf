// Places a copy of a cache object in the workspace: reflink, else hardlink, else copy; always under a
// temporary name first, then renamed over the target.
import { chmodSync, constants, copyFileSync, linkSync, rmSync } from 'node:fs';
import { writeVia } from './atomic-write.js';

export type LinkMethod = 'reflink' | 'hardlink' | 'copy';

/** Materialises `source` at `target` atomically; `allowHardlink` is false for outputs a stage appends to. */
export function placeFile(source: string, target: string, allowHardlink: boolean): LinkMethod {
  const tmp = `${target}.pipe-tmp-${process.pid}`;
  rmSync(tmp, { force: true });
  let method: LinkMethod = 'copy';
  writeVia(tmp, target, () => {
    try {
      copyFileSync(source, tmp, constants.COPYFILE_FICLONE_FORCE);
      method = 'reflink';
    } catch {
      method = allowHardlink && tryLink(source, tmp) ? 'hardlink' : 'copy';
      if (method === 'copy') copyFileSync(source, tmp);
    }
    if (method !== 'hardlink') chmodSync(tmp, 0o644);
  });
  return method;
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
