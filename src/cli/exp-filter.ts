// `pipe exp show --filter`: a row filter of the form COLUMN OP VALUE, e.g. `metrics.test.uar>0.6`,
// `params.tuning.n_trials=40`, `params.yaml:model=svm`. COLUMN is named as for --sort-by (`metrics.<key>`,
// `params.<key>`, `<file>:<key>` or a bare key); OP is one of = == != < <= > >=; VALUE is a number, true/false,
// or text (quotes optional). Ordering ops need a number on both sides; = and != compare numbers numerically and
// anything else as text. Several --filter options must all hold; a row without the column does not match.
import type { Value } from '../engine/index.js';
import { UserError } from './user-error.js';

export type FilterOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export interface RowFilter {
  readonly text: string;
  readonly column: string;
  readonly op: FilterOp;
  readonly value: number | boolean | string;
}

const FORM = /^\s*([^=!<>\s]+)\s*(==|!=|<=|>=|=|<|>)\s*(.*?)\s*$/;

/** Parses one --filter expression; a malformed one is a one-line UserError naming it. */
export function parseFilter(text: string): RowFilter {
  const m = FORM.exec(text);
  if (m === null || m[3] === '') {
    throw new UserError(`--filter '${text}': expected COLUMN OP VALUE, e.g. 'metrics.test.uar>0.6' (OP: = != < <= > >=)`);
  }
  const op = (m[2] === '==' ? '=' : m[2]) as FilterOp;
  const raw = m[3]!.replace(/^(['"])(.*)\1$/, '$2');
  const num = raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : undefined;
  const value = num ?? (raw === 'true' ? true : raw === 'false' ? false : raw);
  if (op !== '=' && op !== '!=' && typeof value !== 'number') throw new UserError(`--filter '${text}': '${op}' needs a number, got '${raw}'`);
  return { text, column: m[1]!, op, value };
}

/** Whether cell value `v` satisfies `f` (undefined: the row lacks the column, never matches). */
export function matchesFilter(v: Value | undefined, f: RowFilter): boolean {
  if (v === undefined || v === null) return false;
  if (typeof f.value === 'number' && typeof v === 'number') {
    const d = v - f.value;
    return { '=': d === 0, '!=': d !== 0, '<': d < 0, '<=': d <= 0, '>': d > 0, '>=': d >= 0 }[f.op];
  }
  if (f.op !== '=' && f.op !== '!=') return false;
  const same = (typeof v === 'string' ? v : JSON.stringify(v)) === String(f.value);
  return f.op === '=' ? same : !same;
}
