// Writing a feature table (file name column, then one column per feature) as CSV or Parquet, atomically.
import { FeatureInputError } from './feature-input-error.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { ExtractedRow } from './extract.js';

export type TableFormat = 'csv' | 'parquet';

/** The format an output path asks for by its extension; throws FeatureInputError for anything but .csv / .parquet. */
export function tableFormatOf(path: string): TableFormat {
  if (/\.csv$/i.test(path)) return 'csv';
  if (/\.parquet$/i.test(path)) return 'parquet';
  throw new FeatureInputError('bad-output', `${path}: output must end in .csv or .parquet`);
}

/** Quotes a CSV cell when it holds a comma, quote or line break (RFC 4180). */
export function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A number as a CSV cell: the shortest text that reads back exactly; NaN is an empty (missing) cell. */
export function csvNumber(value: number): string {
  if (Number.isNaN(value)) return '';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return String(value);
}

/** The table as CSV text: header `file,<columns>`, failed rows with empty feature cells. */
export function featureTableCsv(columns: readonly string[], rows: readonly ExtractedRow[]): string {
  const lines = [['file', ...columns].map(csvCell).join(',')];
  const missing = ','.repeat(columns.length);
  for (const row of rows) {
    lines.push(row.ok ? `${csvCell(row.name)},${Array.from(row.values, csvNumber).join(',')}` : `${csvCell(row.name)}${missing}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The table as Parquet bytes: `file` STRING then DOUBLE feature columns, null where a file failed. */
export async function featureTableParquet(columns: readonly string[], rows: readonly ExtractedRow[]): Promise<Uint8Array> {
  const { parquetWriteBuffer } = await import('hyparquet-writer');
  const columnData = [
    { name: 'file', data: rows.map((r) => r.name), type: 'STRING' as const },
    ...columns.map((name, c) => ({
      name,
      data: rows.map((r) => (r.ok && !Number.isNaN(r.values[c]!) ? r.values[c]! : null)),
      type: 'DOUBLE' as const,
    })),
  ];
  return new Uint8Array(parquetWriteBuffer({ columnData, createdBy: 'pipe features' }));
}


/** Writes the table to `path` in the format its extension names. */
export async function writeFeatureTable(path: string, columns: readonly string[], rows: readonly ExtractedRow[]): Promise<void> {
  const format = tableFormatOf(path);
  writeFileAtomic(path, format === 'csv' ? featureTableCsv(columns, rows) : await featureTableParquet(columns, rows));
}

/** Writes `file,reason` for each failed row (header only when none failed). */
export function writeErrorTable(path: string, rows: readonly ExtractedRow[]): void {
  const lines = ['file,reason'];
  for (const row of rows) if (!row.ok) lines.push(`${csvCell(row.name)},${csvCell(row.reason)}`);
  writeFileAtomic(path, `${lines.join('\n')}\n`);
}
