// `pipe exp show|diff|list`: the workspace and every recorded experiment as one table (terminal, Markdown, CSV or
// JSON), params that differ only unless --all, sortable by any column.
import type { ExpRecord, StoredExp } from '../engine/exp/index.js';
import type { Value } from '../engine/index.js';
import { renderTable } from './engine-table.js';
import { UserError } from './user-error.js';

export interface ExpShowFlags {
  readonly format: 'table' | 'md' | 'csv' | 'json';
  readonly all: boolean;
  readonly sortBy: string | undefined;
  readonly sortOrder: 'asc' | 'desc';
}

export interface ShowRow {
  readonly name: string;
  readonly created: string;
  readonly base: string;
  readonly params: Record<string, Record<string, Value>>;
  readonly metrics: Record<string, Record<string, Value>>;
}

/** The table text (or JSON) of `rows` as `flags` say. */
export function formatExpShow(rows: readonly ShowRow[], flags: ExpShowFlags): string {
  const metricCols = columns(rows, 'metrics', true);
  const paramCols = columns(rows, 'params', flags.all);
  let sorted = [...rows];
  if (flags.sortBy !== undefined) {
    const col = [...metricCols, ...paramCols].find((c) => c.id === flags.sortBy || c.key === flags.sortBy || `${c.kind}.${c.key}` === flags.sortBy);
    if (col === undefined) throw new UserError(`--sort-by ${flags.sortBy}: no such metric or param (use file:key or key)`);
    const sign = flags.sortOrder === 'asc' ? 1 : -1;
    sorted = [rows[0]!, ...rows.slice(1).sort((a, b) => sign * compare(cell(a, col), cell(b, col)))];
  }
  if (flags.format === 'json') return JSON.stringify(sorted, null, 2) + '\n';
  const cols = [...metricCols, ...paramCols];
  const header = ['Experiment', 'Created', ...cols.map((c) => c.key)];
  const body = sorted.map((r) => [r.name, r.created === '' ? '' : r.created.slice(0, 19).replace('T', ' '), ...cols.map((c) => text(cell(r, c)))]);
  if (flags.format === 'csv') return [header, ...body].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
  return renderTable(header, body, flags.format === 'md');
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
export function rowOf(e: StoredExp | { name: string; record: ExpRecord }): ShowRow {
  return { name: e.name, created: e.record.created, base: e.record.base, params: e.record.params, metrics: e.record.metrics };
}
