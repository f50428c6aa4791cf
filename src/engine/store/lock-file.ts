// Reads and writes pipeline.lock: sorted, line-stable YAML written atomically (temp name + rename). A JSON
// mirror in .pipe/ keyed by the lock's stat lets a no-op run skip YAML parsing.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { Failure } from '../failure.js';
import { fail, ok, type Result } from '../result.js';
import type { Value } from '../stage.js';
import { isTreeHashed } from '../hash/tree-scheme.js';
import { writeFileAtomic } from './atomic-write.js';
import { EMPTY_LOCK, ENGINE_SCHEMA, type FileRecord, type LockEntry, type LockFile } from './lock-types.js';

export const LOCK_NAME = 'pipeline.lock';
const MIRROR = 'lock.json';

function statSig(st: Stats): string {
  return `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}

/** Reads the lock of the project at `root` (empty when absent). */
export async function readLock(root: string, pipeDir: string): Promise<Result<LockFile, Failure>> {
  const lockPath = path.join(root, LOCK_NAME);
  let st: Stats;
  try {
    st = statSync(lockPath);
  } catch {
    return ok(EMPTY_LOCK);
  }
  try {
    const mirror = JSON.parse(readFileSync(path.join(pipeDir, MIRROR), 'utf8')) as { sig?: string; lock?: LockFile };
    if (mirror.sig === statSig(st) && mirror.lock !== undefined) return ok(mirror.lock);
  } catch {
    // no usable mirror: parse the YAML below
  }
  const { parseYamlSource, positionOf } = await import('../config/yaml-source.js');
  const { validateLock } = await import('./lock-schema.js');
  const src = parseYamlSource(LOCK_NAME, readFileSync(lockPath, 'utf8'));
  if (!src.ok) return src;
  const valid = validateLock(src.value.value);
  if (!valid.ok) return fail({ reason: 'bad-lock-file', pos: positionOf(src.value, valid.path), message: valid.message });
  writeMirror(pipeDir, st, valid.value);
  return ok(valid.value);
}

/** Writes `lock` atomically, stages and records sorted so that the file diffs and merges line by line. */
export async function writeLock(root: string, pipeDir: string, lock: LockFile): Promise<void> {
  const { stringify } = await import('yaml');
  const stages: Record<string, unknown> = {};
  for (const name of Object.keys(lock.stages).sort()) {
    const entry = lock.stages[name];
    if (entry !== undefined) stages[name] = renderEntry(entry);
  }
  const text = stringify({ schema: ENGINE_SCHEMA, stages }, { lineWidth: 0, minContentWidth: 0 });
  const target = path.join(root, LOCK_NAME);
  writeFileAtomic(target, text, path.join(root, `.${LOCK_NAME}.${process.pid}.tmp`));
  writeMirror(pipeDir, statSync(target), lock);
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

function writeMirror(pipeDir: string, st: Stats, lock: LockFile): void {
  try {
    mkdirSync(pipeDir, { recursive: true });
    writeFileAtomic(path.join(pipeDir, MIRROR), JSON.stringify({ sig: statSig(st), lock }));
  } catch {
    // the mirror is an optimisation only
  }
}
