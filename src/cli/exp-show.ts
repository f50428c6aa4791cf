// `pipe exp show|diff|list`: the workspace and every recorded experiment as one table (terminal, Markdown, CSV or
// JSON), params that differ only unless --all, the deps whose hash differs from the workspace lock, sortable and
// filterable (exp-filter.ts) by any metric or param. The workspace row is always first and never filtered out.
import type { ExpRecord, StoredExp } from '../engine/exp/index.js';
import type { Value } from '../engine/index.js';
import { renderTable } from './engine-table.js';
import { matchesFilter, parseFilter } from './exp-filter.js';
import { UserError } from './user-error.js';

export interface ExpShowFlags {
  readonly format: 'table' | 'md' | 'csv' | 'json';
  readonly all: boolean;
  readonly sortBy: string | undefined;
  readonly sortOrder: 'asc' | 'desc';
  /** --filter expressions; every one must hold. */
  readonly filters: readonly string[];
}

export interface ShowRow {
  readonly name: string;
  readonly created: string;
  readonly base: string;
  readonly params: Record<string, Record<string, Value>>;
  readonly metrics: Record<string, Record<string, Value>>;
  /** Deps whose hash differs from the workspace lock (empty for the workspace itself). */
  readonly changedDeps: readonly string[];
}

/** The table text (or JSON) of `rows` as `flags` say. */
export function formatExpShow(rows: readonly ShowRow[], flags: ExpShowFlags): string {
  const metricCols = columns(rows, 'metrics', true);
  const paramCols = columns(rows, 'params', flags.all);
  const anyCol = [...metricCols, ...columns(rows, 'params', true)];
  const filters = flags.filters.map(parseFilter).map((f) => ({ f, col: resolve(anyCol, f.column, `--filter '${f.text}'`) }));
  let sorted = [rows[0]!, ...rows.slice(1).filter((r) => filters.every(({ f, col }) => matchesFilter(cell(r, col), f)))];
  if (flags.sortBy !== undefined) {
    const col = resolve(anyCol, flags.sortBy, `--sort-by ${flags.sortBy}`);
    const sign = flags.sortOrder === 'asc' ? 1 : -1;
    sorted = [sorted[0]!, ...sorted.slice(1).sort((a, b) => sign * compare(cell(a, col), cell(b, col)))];
  }
  if (flags.format === 'json') return JSON.stringify(sorted, null, 2) + '\n';
  const cols = [...metricCols, ...paramCols];
  const deps = sorted.some((r) => r.changedDeps.length > 0);
  const header = ['Experiment', 'Created', ...cols.map((c) => c.key), ...(deps ? ['Changed deps'] : [])];
  const body = sorted.map((r) => [
    r.name,
    r.created === '' ? '' : r.created.slice(0, 19).replace('T', ' '),
    ...cols.map((c) => text(cell(r, c))),
    ...(deps ? [r.changedDeps.join(' ') || '-'] : []),
  ]);
  if (flags.format === 'csv') return [header, ...body].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
  return renderTable(header, body, flags.format === 'md');
}

/** The column `name` means (`file:key`, `metrics.key`, `params.key` or a bare key; metrics first). */
function resolve(cols: readonly Col[], name: string, what: string): Col {
  const col = cols.find((c) => c.id === name || `${c.kind}.${c.key}` === name) ?? cols.find((c) => c.key === name);
  if (col === undefined) throw new UserError(`${what}: no such metric or param (use metrics.<key>, params.<key>, file:key or key)`);
  return col;
}

interface Col {
  readonly kind: 'metrics' | 'params';
  readonly file: string;
  readonly key: string;
  readonly id: string;
}

/** Columns of `kind` in first-seen order; params only where rows differ unless `all`. */
function columns(rows: readonly ShowRow[], kind: 'metrics' | 'params', all: boolean): Col[] {
  const seen = new Map<string, Col>();
  for (const r of rows) for (const [file, values] of Object.entries(r[kind])) for (const key of Object.keys(values)) {
    const id = `${file}:${key}`;
    if (!seen.has(id)) seen.set(id, { kind, file, key, id });
  }
  const cols = [...seen.values()];
  if (all) return cols;
  return cols.filter((c) => new Set(rows.map((r) => JSON.stringify(cell(r, c) ?? null))).size > 1);
}

function cell(r: ShowRow, c: Col): Value | undefined {
  return r[c.kind][c.file]?.[c.key];
}

function compare(a: Value | undefined, b: Value | undefined): number {
  if (a === undefined || b === undefined) return a === undefined ? (b === undefined ? 0 : 1) : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

function text(v: Value | undefined): string {
  if (v === undefined) return '-';
  if (typeof v === 'number') return String(Number(v.toPrecision(5)));
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A stored experiment as a table row. */
export function rowOf(e: StoredExp | { name: string; record: ExpRecord }, changedDeps: readonly string[] = []): ShowRow {
  return { name: e.name, created: e.record.created, base: e.record.base, params: e.record.params, metrics: e.record.metrics, changedDeps };
}
