// Writing without leftovers: every engine file is written under a temporary name and renamed into place; when
// the write fails (a full disk above all) the temporary file is removed and the failure names the target.
import { copyFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';

/** The disk (or quota) is full while writing `path`: an expected failure, reported as one line. */
export class NoSpaceError extends Error {
  constructor(readonly path: string) {
    super(`no space left on device while writing ${path}`);
    this.name = 'NoSpaceError';
  }
}

/** True for the errno codes of a full disk or exhausted quota. */
export function isNoSpace(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** Runs `write(tmp)` then renames `tmp` over `target`; on failure removes `tmp` (NoSpaceError for a full disk). */
export function writeVia(tmp: string, target: string, write: (tmp: string) => void): void {
  try {
    write(tmp);
    renameSync(tmp, target);
  } catch (error) {
    removeFile(tmp);
    if (isNoSpace(error)) throw new NoSpaceError(target);
    throw error;
  }
}

/** Writes `data` to `target` atomically (see writeVia). */
export function writeFileAtomic(target: string, data: string | Uint8Array, tmp = `${target}.${process.pid}.tmp`): void {
  writeVia(tmp, target, (t) => writeFileSync(t, data));
}

/** Copies `source` to `target` atomically (see writeVia). */
export function copyFileAtomic(source: string, target: string, tmp = `${target}.${process.pid}.tmp`): void {
  writeVia(tmp, target, (t) => copyFileSync(source, t));
}

/** Removes the file `path` when it exists (unlink(2): fs.rmSync loads its directory-tree remover on first use). */
export function removeFile(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
