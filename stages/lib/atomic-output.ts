// Outputs of a stage appear whole or not at all: files and directories are built under a temporary name beside
// the target and renamed into place.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Writes a file atomically (temporary sibling, then rename). */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

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

/** JSON with sorted keys and a final newline, so that outputs are byte-stable. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v) || ArrayBuffer.isView(v)) return v;
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }, 2) + '\n';
}
