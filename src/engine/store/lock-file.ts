// Reads and writes pipeline.lock (one beside each pipeline file, as DVC's dvc.lock): sorted, line-stable YAML
// written atomically (temp name + rename). A JSON mirror in .pipe/ keyed by the lock's stat lets a no-op run
// skip YAML parsing. Paths and stage names are as stored; project-lock.ts maps them to the project's.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { Failure } from '../failure.js';
import { fail, ok, type Result } from '../result.js';
import type { Value } from '../stage.js';
import { isTreeHashed } from '../hash/tree-scheme.js';
import { writeFileAtomic } from './atomic-write.js';
import { EMPTY_LOCK, ENGINE_SCHEMA, type FileRecord, type LockEntry, type LockFile } from './lock-types.js';

export const LOCK_NAME = 'pipeline.lock';

/** Root-relative lock file beside root-relative pipeline file `pipelineFile`. */
export function lockPathOf(pipelineFile: string): string {
  const dir = path.posix.dirname(pipelineFile);
  return dir === '.' ? LOCK_NAME : `${dir}/${LOCK_NAME}`;
}

function mirrorName(lockRel: string): string {
  const dir = path.posix.dirname(lockRel);
  return dir === '.' ? 'lock.json' : `lock.${encodeURIComponent(dir)}.json`;
}

function statSig(st: Stats): string {
  return `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}

/** Reads the lock at root-relative `lockRel` (default: the root's pipeline.lock; empty when absent). */
export async function readLock(root: string, pipeDir: string, lockRel = LOCK_NAME): Promise<Result<LockFile, Failure>> {
  const lockPath = path.join(root, lockRel);
  const mirrorFile = mirrorName(lockRel);
  let st: Stats;
  try {
    st = statSync(lockPath);
  } catch {
    return ok(EMPTY_LOCK);
  }
  try {
    const mirror = JSON.parse(readFileSync(path.join(pipeDir, mirrorFile), 'utf8')) as { sig?: string; lock?: LockFile };
    if (mirror.sig === statSig(st) && mirror.lock !== undefined) return ok(mirror.lock);
  } catch {
    // no usable mirror: parse the YAML below
  }
  const { parseYamlSource, positionOf } = await import('../config/yaml-source.js');
  const { validateLock } = await import('./lock-schema.js');
  const src = parseYamlSource(lockRel, readFileSync(lockPath, 'utf8'));
  if (!src.ok) return src;
  const valid = validateLock(src.value.value);
  if (!valid.ok) return fail({ reason: 'bad-lock-file', pos: positionOf(src.value, valid.path), message: valid.message });
  writeMirror(pipeDir, mirrorFile, st, valid.value);
  return ok(valid.value);
}

/** Writes `lock` atomically to root-relative `lockRel`, stages and records sorted (diffs and merges line by line). */
export async function writeLock(root: string, pipeDir: string, lock: LockFile, lockRel = LOCK_NAME): Promise<void> {
  const { stringify } = await import('yaml');
  const stages: Record<string, unknown> = {};
  for (const name of Object.keys(lock.stages).sort()) {
    const entry = lock.stages[name];
    if (entry !== undefined) stages[name] = renderEntry(entry);
  }
  const text = stringify({ schema: ENGINE_SCHEMA, stages }, { lineWidth: 0, minContentWidth: 0 });
  const target = path.join(root, lockRel);
  writeFileAtomic(target, text, path.join(path.dirname(target), `.${LOCK_NAME}.${process.pid}.tmp`));
  writeMirror(pipeDir, mirrorName(lockRel), statSync(target), lock);
}

function renderEntry(entry: LockEntry): Record<string, unknown> {
  const out: Record<string, unknown> = { cmd: entry.cmd.length === 1 ? entry.cmd[0] : [...entry.cmd] };
  if (entry.deps.length > 0) out['deps'] = sortRecords(entry.deps).map(renderRecord);
  const files = Object.keys(entry.params).sort();
  if (files.length > 0) {
    const params: Record<string, unknown> = {};
    for (const f of files) params[f] = sortKeys(entry.params[f] ?? {});
    out['params'] = params;
  }
  if (entry.outs.length > 0) out['outs'] = sortRecords(entry.outs).map(renderRecord);
  return out;
}

function renderRecord(r: FileRecord): Record<string, unknown> {
  // the field names the address kind: plain XXH3-128 of the bytes (or of a directory listing), or the tree hash
  const kind = r.nfiles === undefined && isTreeHashed(r.size) ? 'xxh128-tree' : 'xxh128';
  const out: Record<string, unknown> = { path: r.path, [kind]: r.hash, size: r.size };
  if (r.nfiles !== undefined) out['nfiles'] = r.nfiles;
  if (r.isexec === true) out['isexec'] = true;
  return out;
}

/** Records ordered by path. */
export function sortRecords(records: readonly FileRecord[]): FileRecord[] {
  return [...records].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Deep copy with mapping keys sorted (lists keep their order). */
export function sortKeys(v: Value): Value {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return (v as readonly Value[]).map(sortKeys);
  const out: Record<string, Value> = {};
  for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, Value>)[k] ?? null);
  return out;
}

function writeMirror(pipeDir: string, mirrorFile: string, st: Stats, lock: LockFile): void {
  try {
    mkdirSync(pipeDir, { recursive: true });
    writeFileAtomic(path.join(pipeDir, mirrorFile), JSON.stringify({ sig: statSig(st), lock }));
  } catch {
    // the mirror is an optimisation only
  }
}
