// Change detection for one stage against its lock entry: every reason it differs, computed with the state
// cache so unchanged files are only stat'ed.
import type { Measured } from '../hash/measure.js';
import type { MeasureMemo } from '../hash/measure-memo.js';
import type { StateCache } from '../hash/state-cache.js';
import type { Stage, Value } from '../stage.js';
import type { ObjectCache } from '../store/object-cache.js';
import { sortKeys } from '../store/lock-file.js';
import type { FileRecord, LockEntry } from '../store/lock-types.js';
import type { Reason } from './reasons.js';

export interface StageCheck {
  readonly reasons: readonly Reason[];
  /** Measured deps (missing ones omitted). */
  readonly deps: readonly FileRecord[];
}

export interface CheckContext {
  readonly root: string;
  readonly state: StateCache;
  readonly cache: ObjectCache;
  readonly memo: MeasureMemo;
}

/** Record of a measured path. */
export function toRecord(path: string, m: Measured): FileRecord {
  return m.kind === 'dir' ? { path, hash: m.hash, size: m.size, nfiles: m.nfiles } : { path, hash: m.hash, size: m.size };
}

/** Measures the stage's deps (no lock needed). */
export function measureDeps(stage: Stage, ctx: CheckContext): { records: FileRecord[]; missing: string[] } {
  const records: FileRecord[] = [];
  const missing: string[] = [];
  for (const dep of stage.deps) {
    const m = ctx.memo.measure(ctx.root, dep, ctx.state);
    if (m === undefined) missing.push(dep);
    else records.push(toRecord(dep, m));
  }
  return { records, missing };
}

/** All reasons `stage` differs from `entry` (empty = up to date). Frozen stages are never changed. */
export function checkStage(stage: Stage, entry: LockEntry | undefined, ctx: CheckContext): StageCheck {
  const { records, missing } = measureDeps(stage, ctx);
  if (stage.frozen) return { reasons: [], deps: records };
  if (entry === undefined) return { reasons: [{ kind: 'new' }], deps: records };
  const reasons: Reason[] = [];
  // DVC: a stage with neither deps, params nor outs ("callback" stage) is always changed, like always_changed
  const callback = stage.deps.length === 0 && stage.params.length === 0 && stage.outs.length === 0;
  if (stage.alwaysChanged || callback) reasons.push({ kind: 'always-changed' });
  const oldCmd = entry.cmd.join('\n');
  const newCmd = stage.cmd.join('\n');
  if (oldCmd !== newCmd) reasons.push({ kind: 'cmd', old: oldCmd, new: newCmd });
  reasons.push(...depReasons(stage, entry, records, missing));
  reasons.push(...paramReasons(stage, entry));
  reasons.push(...outReasons(stage, entry, ctx));
  return { reasons, deps: records };
}

function depReasons(stage: Stage, entry: LockEntry, records: readonly FileRecord[], missing: readonly string[]): Reason[] {
  const reasons: Reason[] = [];
  const old = new Map(entry.deps.map((d) => [d.path, d]));
  for (const path of missing) reasons.push(old.has(path) ? { kind: 'dep-missing', path } : { kind: 'dep-added', path });
  for (const r of records) {
    const before = old.get(r.path);
    if (before === undefined) reasons.push({ kind: 'dep-added', path: r.path });
    else if (before.hash !== r.hash) reasons.push({ kind: 'dep-modified', path: r.path, old: before.hash, new: r.hash });
  }
  for (const path of old.keys()) if (!stage.deps.includes(path)) reasons.push({ kind: 'dep-removed', path });
  return reasons;
}

function paramReasons(stage: Stage, entry: LockEntry): Reason[] {
  const reasons: Reason[] = [];
  const files = new Set([...Object.keys(stage.paramValues), ...Object.keys(entry.params)]);
  for (const file of [...files].sort()) {
    const now = stage.paramValues[file] ?? {};
    const before = entry.params[file] ?? {};
    for (const key of Object.keys(now)) {
      if (!Object.hasOwn(before, key)) reasons.push({ kind: 'param-added', file, key });
      else modifiedLeaves(file, key, before[key] ?? null, now[key] ?? null, reasons);
    }
    for (const key of Object.keys(before)) if (!Object.hasOwn(now, key)) reasons.push({ kind: 'param-removed', file, key });
  }
  return reasons;
}

/** A tracked subtree that changed is reported by the leaves that changed (`tuning.n_trials 40 → 20`), not whole. */
function modifiedLeaves(file: string, key: string, old: Value, now: Value, reasons: Reason[]): void {
  if (sameValue(old, now)) return;
  if (isMapping(old) && isMapping(now)) {
    const keys = [...new Set([...Object.keys(old), ...Object.keys(now)])].sort();
    for (const k of keys) modifiedLeaves(file, `${key}.${k}`, old[k] ?? null, now[k] ?? null, reasons);
    return;
  }
  reasons.push({ kind: 'param-modified', file, key, old, new: now });
}

function isMapping(v: Value): v is { readonly [key: string]: Value } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function outReasons(stage: Stage, entry: LockEntry, ctx: CheckContext): Reason[] {
  const reasons: Reason[] = [];
  const old = new Map(entry.outs.map((o) => [o.path, o]));
  for (const out of stage.outs) {
    const before = old.get(out.path);
    if (before === undefined) {
      reasons.push({ kind: 'out-added', path: out.path });
      continue;
    }
    const m = ctx.memo.measure(ctx.root, out.path, ctx.state);
    if (m === undefined) reasons.push({ kind: 'out-missing', path: out.path });
    else if (m.hash !== before.hash) reasons.push({ kind: 'out-modified', path: out.path, old: before.hash, new: m.hash });
    else if (out.cache && !ctx.cache.has(before)) reasons.push({ kind: 'out-not-cached', path: out.path });
  }
  for (const path of old.keys()) if (!stage.outs.some((o) => o.path === path)) reasons.push({ kind: 'out-removed', path });
  return reasons;
}

/** Structural equality of two param values. */
export function sameValue(a: Value, b: Value): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}
