// Reads openSMILE's `;`-separated CSV outputs (functionals and LLDs) for parity checks and debugging.
import { readFileSync } from 'node:fs';

/** A parsed openSMILE CSV: header names (after name;frameTime) and numeric rows keyed by file name. */
export interface ReferenceTable {
  readonly columns: string[];
  readonly rows: { name: string; values: Float64Array }[];
}

/** Parses an openSMILE CSV (`name;frameTime;…`). */
export function readReferenceCsv(path: string): ReferenceTable {
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split(';');
  const columns = header.slice(2);
  const rows = lines.slice(1).map((line) => {
    const cells = line.split(';');
    return { name: (cells[0] ?? '').replace(/'/g, ''), values: Float64Array.from(cells.slice(2), Number) };
  });
  return { columns, rows };
}
