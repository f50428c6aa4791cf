// Stat for the no-op hot path (one call per dependency file). Node 20's fs.statSync builds an fs.Stats with
// four Date objects per call (created eagerly), which on 10,000 files costs more CPU and GC than the stat
// system calls themselves. Node's own fs binding returns the raw fields in a Float64Array; it is used only when
// a probe on the first call shows it returns exactly what fs.statSync does (ino, size, mode, mtimeMs, ctimeMs —
// the same formulas, so state-cache entries recorded from fs.Stats elsewhere still match), and never under
// --pending-deprecation/--throw-deprecation (process.binding is deprecated). Anything else: fs.statSync.
import { statSync } from 'node:fs';
import type { StatSig } from './state-cache.js';

export interface FileStat extends StatSig {
  readonly isDirectory: boolean;
}

/** A FileStat that statInto fills in place (one object for a whole directory walk). */
export interface StatRecord {
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  isDirectory: boolean;
}

type RawStat = (path: string, useBigint: false, req: undefined, throwIfNoEntry: true) => Float64Array;
/** undefined: not probed yet; null: unavailable. */
let raw: RawStat | null | undefined;

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;

/** The stat of `abs` (following symlinks); throws like fs.statSync (ENOENT, …). */
export function statFile(abs: string): FileStat {
  const st: StatRecord = { ino: 0, size: 0, mtimeMs: 0, ctimeMs: 0, isDirectory: false };
  statInto(abs, st);
  return st;
}

/** statFile into `into` instead of a new object (throws the same way). */
export function statInto(abs: string, into: StatRecord): void {
  if (raw === undefined) raw = probe(abs);
  if (raw === null) {
    Object.assign(into, fromStats(abs));
    return;
  }
  const v = raw(abs, false, undefined, true);
  into.ino = v[7] ?? Number.NaN;
  into.size = v[8] ?? Number.NaN;
  into.mtimeMs = (v[12] ?? Number.NaN) * 1e3 + (v[13] ?? Number.NaN) / 1e6;
  into.ctimeMs = (v[14] ?? Number.NaN) * 1e3 + (v[15] ?? Number.NaN) / 1e6;
  into.isDirectory = ((v[1] ?? 0) & S_IFMT) === S_IFDIR;
}

function fromStats(abs: string): FileStat {
  const st = statSync(abs);
  return { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, isDirectory: st.isDirectory() };
}

function probe(abs: string): RawStat | null {
  const flags = [...process.execArgv, ...(process.env['NODE_OPTIONS'] ?? '').split(/\s+/)];
  if (flags.some((f) => f.includes('deprecation'))) return null;
  try {
    const binding = (process as unknown as { binding?: (name: string) => { stat?: unknown } }).binding?.('fs');
    if (typeof binding?.stat !== 'function') return null;
    const candidate = binding.stat.bind(binding) as RawStat;
    const st = statSync(abs);
    const v = candidate(abs, false, undefined, true);
    if (!(v instanceof Float64Array) || v.length < 16) return null;
    raw = candidate;
    const got = statFile(abs);
    const ok = got.ino === st.ino && got.size === st.size && got.mtimeMs === st.mtimeMs && got.ctimeMs === st.ctimeMs && got.isDirectory === st.isDirectory() && v[1] === st.mode;
    return ok ? candidate : null;
  } catch {
    return null;
  }
}
