// Rows of a params or metrics comparison: one per (file, key), old and new values.
import type { Value } from '../stage.js';
import { sameValue } from '../run/check-stage.js';

export interface DiffRow {
  readonly file: string;
  readonly key: string;
  readonly old: Value | undefined;
  readonly new: Value | undefined;
  /** new − old when both are numbers. */
  readonly change: number | undefined;
}

/** Compares flattened old/new values of one file; unchanged keys only when `all`. */
export function diffRows(file: string, before: Record<string, Value>, after: Record<string, Value>, all: boolean): DiffRow[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const rows: DiffRow[] = [];
  for (const key of keys) {
    const o = Object.hasOwn(before, key) ? before[key] : undefined;
    const n = Object.hasOwn(after, key) ? after[key] : undefined;
    const same = o !== undefined && n !== undefined && sameValue(o, n);
    if (same && !all) continue;
    const change = typeof o === 'number' && typeof n === 'number' ? n - o : undefined;
    rows.push({ file, key, old: o, new: n, change });
  }
  return rows;
}
