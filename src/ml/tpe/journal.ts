// Append-only JSON-lines journal of a study: one fsync'd line per event, re-read to resume an interrupted study.
import { MlInputError } from '../ml-input-error.js';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { Params } from './space.js';

export type Direction = 'minimize' | 'maximize';

/** One journal line. */
export type JournalEntry =
  | { readonly op: 'study'; readonly version: 1; readonly directions: Direction[] }
  | { readonly op: 'ask'; readonly number: number; readonly params: Params }
  | { readonly op: 'tell'; readonly number: number; readonly state: 'complete'; readonly values: number[]; readonly intermediate?: number[] }
  | { readonly op: 'tell'; readonly number: number; readonly state: 'pruned'; readonly intermediate: number[] }
  | { readonly op: 'tell'; readonly number: number; readonly state: 'fail'; readonly reason?: string };

/** Appends entries to a journal file, each line written and fsync'd before returning. */
export class JournalWriter {
  private fd: number;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'a');
  }

  /** Writes one entry durably. */
  append(entry: JournalEntry): void {
    writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    fsyncSync(this.fd);
  }

  /** Closes the file. */
  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

/**
 * Reads a journal; a missing file gives []. A torn final line (a crash mid-write) is ignored; any other
 * malformed line throws TypeError naming `path:line`.
 */
export function readJournal(path: string): JournalEntry[] {
  if (!existsSync(path)) return [];
  const lines = readFileSync(path, 'utf8').split('\n');
  const out: JournalEntry[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      if (i === lines.length - 1) return; // torn last line, no trailing newline
      throw new MlInputError('bad-journal', `${path}:${i + 1}: journal line is not JSON`);
    }
    out.push(checkEntry(parsed, `${path}:${i + 1}`));
  });
  return out;
}

function checkEntry(v: unknown, where: string): JournalEntry {
  const o = v as Record<string, unknown> | null;
  const bad = (): never => {
    throw new TypeError(`${where}: not a journal entry`);
  };
  if (typeof o !== 'object' || o === null) return bad();
  if (o.op === 'study') {
    const d = o.directions;
    if (!Array.isArray(d) || d.length === 0 || !d.every((x) => x === 'minimize' || x === 'maximize')) return bad();
    return { op: 'study', version: 1, directions: d as Direction[] };
  }
  if (typeof o.number !== 'number' || !Number.isInteger(o.number) || o.number < 0) return bad();
  if (o.op === 'ask') {
    const p = o.params;
    if (typeof p !== 'object' || p === null) return bad();
    const ok = Object.values(p).every((x) => ['string', 'number', 'boolean'].includes(typeof x));
    return ok ? { op: 'ask', number: o.number, params: p as Params } : bad();
  }
  if (o.op === 'tell' && o.state === 'complete') {
    const vals = o.values;
    if (!Array.isArray(vals) || !vals.every((x) => typeof x === 'number')) return bad();
    if (o.intermediate === undefined) return { op: 'tell', number: o.number, state: 'complete', values: vals as number[] };
    const curve = checkCurve(o.intermediate);
    return curve === undefined ? bad() : { op: 'tell', number: o.number, state: 'complete', values: vals as number[], intermediate: curve };
  }
  if (o.op === 'tell' && o.state === 'pruned') {
    const curve = checkCurve(o.intermediate);
    return curve === undefined ? bad() : { op: 'tell', number: o.number, state: 'pruned', intermediate: curve };
  }
  if (o.op === 'tell' && o.state === 'fail') {
    return { op: 'tell', number: o.number, state: 'fail', ...(typeof o.reason === 'string' ? { reason: o.reason } : {}) };
  }
  return bad();
}

/** Intermediate values as written by JSON.stringify (NaN became null), or undefined when malformed. */
function checkCurve(v: unknown): number[] | undefined {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'number' || x === null)) return undefined;
  return v.map((x: number | null) => (x === null ? Number.NaN : x));
}
