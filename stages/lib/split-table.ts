// The per-split metadata tables that ingest writes and later stages read: data/splits/<split>.csv with the study's
// columns plus `path` (the clip's audio under data/splits/audio/<split>/, relative to the project root).
import { readFileSync } from 'node:fs';
import { parseCsv } from '../../src/util/csv.js';
import { SPLITS, type Split } from '../../src/ml/preprocess/index.js';
import { METADATA_COLUMNS, SPLIT_COLUMNS, type ClipRecord } from '../../src/validate/index.js';
import { StageError } from './stage-error.js';

export { METADATA_COLUMNS, SPLIT_COLUMNS, SPLITS, type ClipRecord, type Split };
export const SPLITS_DIR = 'data/splits';

/** Reads a CSV of clip records, checking the required columns; errors name the file and the missing column. */
export function readClipTable(file: string, required: readonly string[] = SPLIT_COLUMNS): ClipRecord[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new StageError(`${file}: cannot read file`);
  }
  let table;
  try {
    table = parseCsv(text);
  } catch (error) {
    throw new StageError(`${file}: ${(error as Error).message}`);
  }
  const missing = required.filter((c) => !table.header.includes(c));
  if (missing.length > 0) throw new StageError(`${file}: missing column(s) ${missing.join(', ')}`);
  return table.rows.map((row) => {
    const record: Record<string, string> = {};
    table.header.forEach((name, i) => (record[name] = row[i] ?? ''));
    return record as unknown as ClipRecord;
  });
}

/** Path of a split's table. */
export function splitTablePath(split: Split): string {
  return `${SPLITS_DIR}/${split}.csv`;
}
