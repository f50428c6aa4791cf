// Rows of a plot data file (CSV, TSV, JSON, YAML) in DVC's shapes: a table, a list of objects, or an object
// whose first list value holds the rows.
import path from 'node:path';
import { parse } from 'yaml';
import { fail, ok, type Result } from '../result.js';

export type Row = Record<string, string | number | boolean | null>;

/** Parses `text` of `file` by its extension; a one-line error string on bad content. */
export function parsePlotData(file: string, text: string): Result<Row[], string> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.tsv') return ok(parseDelimited(text, ext === '.tsv' ? '\t' : ','));
  let value: unknown;
  try {
    value = ext === '.json' ? JSON.parse(text) : parse(text);
  } catch (error) {
    return fail(`${file}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  const list = Array.isArray(value) ? value : firstList(value);
  if (list === undefined) return fail(`${file}: expected a list of rows (or an object holding one)`);
  return ok(list.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null).map(scalarRow));
}

function firstList(v: unknown): unknown[] | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  for (const x of Object.values(v)) if (Array.isArray(x)) return x;
  return undefined;
}

function scalarRow(r: Record<string, unknown>): Row {
  const row: Row = {};
  for (const [k, v] of Object.entries(r)) {
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' || v === null) row[k] = v;
  }
  return row;
}

/** RFC 4180 fields (quotes, doubled quotes); numeric-looking cells become numbers. */
function parseDelimited(text: string, sep: string): Row[] {
  const records = splitRecords(text, sep);
  const header = records.shift() ?? [];
  return records
    .filter((r) => r.length > 1 || (r[0] ?? '') !== '')
    .map((r) => Object.fromEntries(header.map((h, i) => [h, cell(r[i] ?? '')])));
}

function cell(s: string): string | number {
  const n = Number(s);
  return s.trim() !== '' && Number.isFinite(n) ? n : s;
}

function splitRecords(text: string, sep: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field), out.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (field !== '' || row.length > 0) row.push(field), out.push(row);
  return out;
}
