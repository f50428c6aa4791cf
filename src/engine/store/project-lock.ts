// The project's lock as one view over the lock files beside its pipeline files (DVC: a dvc.lock beside each
// dvc.yaml). In a lock file, stages are keyed by their name inside the pipeline file and paths are relative to
// the pipeline file's directory (external deps absolute); in the view, names are qualified
// (`dir/pipeline.yaml:name`) and paths root-relative, as everywhere else in the engine.
import path from 'node:path';
import type { Failure } from '../failure.js';
import { isExternal } from '../paths.js';
import { ok, type Result } from '../result.js';
import { lockPathOf, readLock, writeLock } from './lock-file.js';
import type { FileRecord, LockEntry, LockFile } from './lock-types.js';

const ROOT_PIPELINE = 'pipeline.yaml';

/** The stage-name prefix of root-relative pipeline file `file` ('' for the root's pipeline.yaml). */
export function stagePrefix(file: string): string {
  return file === ROOT_PIPELINE ? '' : `${file}:`;
}

/** The pipeline file (of `files`) a qualified stage name belongs to. */
export function pipelineFileOf(name: string, files: readonly string[]): string {
  let best = ROOT_PIPELINE;
  for (const f of files) if (f !== ROOT_PIPELINE && name.startsWith(`${f}:`) && f.length > best.length) best = f;
  return best;
}

/** Reads every pipeline file's lock into one view. */
export async function readProjectLock(root: string, pipeDir: string, files: readonly string[]): Promise<Result<LockFile, Failure>> {
  const stages: Record<string, LockEntry> = {};
  for (const file of files) {
    const lock = await readLock(root, pipeDir, lockPathOf(file));
    if (!lock.ok) return lock;
    const dir = path.posix.dirname(file);
    for (const [name, entry] of Object.entries(lock.value.stages)) stages[stagePrefix(file) + name] = mapEntry(entry, (p) => fromLock(dir, p));
  }
  return ok({ stages });
}

/** Rewrites the lock file of pipeline `file` from the view's entries that belong to it. */
export async function writePipelineLock(root: string, pipeDir: string, file: string, files: readonly string[], entries: Readonly<Record<string, LockEntry>>): Promise<void> {
  const dir = path.posix.dirname(file);
  const prefix = stagePrefix(file);
  const stages: Record<string, LockEntry> = {};
  for (const [name, entry] of Object.entries(entries)) {
    if (pipelineFileOf(name, files) !== file) continue;
    stages[name.slice(prefix.length)] = mapEntry(entry, (p) => toLock(dir, p));
  }
  await writeLock(root, pipeDir, { stages }, lockPathOf(file));
}

function mapEntry(entry: LockEntry, map: (p: string) => string): LockEntry {
  if (entry.deps.length === 0 && entry.outs.length === 0 && Object.keys(entry.params).length === 0) return entry;
  const rec = (r: FileRecord): FileRecord => ({ ...r, path: map(r.path) });
  const params: Record<string, LockEntry['params'][string]> = {};
  for (const [f, v] of Object.entries(entry.params)) params[map(f)] = v;
  return { cmd: entry.cmd, deps: entry.deps.map(rec), params, outs: entry.outs.map(rec) };
}

function fromLock(dir: string, p: string): string {
  if (dir === '.' || isExternal(p)) return p;
  return path.posix.normalize(`${dir}/${p}`);
}

function toLock(dir: string, p: string): string {
  if (dir === '.' || isExternal(p)) return p;
  return path.posix.relative(dir, p) || '.';
}
