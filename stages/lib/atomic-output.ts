// Outputs of a stage appear whole or not at all: files and directories are built under a temporary name beside
// the target and renamed into place.
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

/** Builds a directory with `fill(tmpDir)` and swaps it in for `target`, replacing what was there. */
export async function replaceDirectory(target: string, fill: (tmpDir: string) => Promise<void> | void): Promise<void> {
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    await fill(tmp);
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
  const old = `${target}.old-${process.pid}`;
  rmSync(old, { recursive: true, force: true });
  let hadOld = true;
  try {
    renameSync(target, old);
  } catch {
    hadOld = false;
  }
  renameSync(tmp, target);
  if (hadOld) rmSync(old, { recursive: true, force: true });
}

export { writeFileAtomic } from '../../src/util/atomic-write.js';
export { stableJson } from '../../src/util/stable-json.js';
