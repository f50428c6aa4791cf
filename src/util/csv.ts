// Small RFC 4180 CSV reader/writer: header row, quoted fields ("" escapes a quote), CRLF or LF line ends.
import { InputError } from './input-error.js';

/** Text that is not the CSV it should be (unterminated quote, no header, ragged row, a non-number). */
export class CsvError extends InputError {
  constructor(message: string) {
    super('bad-csv', message);
    this.name = 'CsvError';
  }
}

/** A parsed CSV file: the header row and the data rows as strings (an empty cell is ''). */
export interface CsvTable {
  readonly header: string[];
  readonly rows: string[][];
}

/** Options of `parseCsv`. */
export interface ParseCsvOptions {
  /** Field separator (one character). Default ','. */
  delimiter?: string;
}

/** Parses CSV text into a header and rows; throws RangeError on a ragged row or an unterminated quote. */
export function parseCsv(text: string, options: ParseCsvOptions = {}): CsvTable {
  const delimiter = options.delimiter ?? ',';
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new TypeError(`parseCsv: delimiter must be one character other than a quote or newline`);
  }
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // skip a UTF-8 byte-order mark
  let line = 1;
  let atRecordStart = true;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (ch === '"' && field === '') {
      // Quoted field: runs to the closing quote that is not doubled.
      const startLine = line;
      i++;
      let closed = false;
      while (i < n) {
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          closed = true;
          i++;
          break;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      if (!closed) throw new CsvError(`parseCsv: unterminated quoted field starting on line ${startLine}`);
      atRecordStart = false;
      continue;
    }
    if (ch === delimiter) {
      record.push(field);
      field = '';
      atRecordStart = false;
      i++;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      if (!(atRecordStart && field === '' && record.length === 0)) {
        record.push(field);
        records.push(record);
      }
      record = [];
      field = '';
      atRecordStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    field += ch;
    atRecordStart = false;
    i++;
  }
  if (!atRecordStart || field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const header = records.shift();
  if (header === undefined) throw new CsvError('parseCsv: the text has no header row');
  records.forEach((row, index) => {
    if (row.length !== header.length) {
      throw new CsvError(
        `parseCsv: data row ${index + 1} has ${row.length} fields, the header has ${header.length}`,
      );
    }
  });
  return { header, rows: records };
}

/** Quotes a field when it holds the delimiter, a quote or a line break. */
function quoteField(value: string, delimiter: string): string {
  if (value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r')) {
    return `"${value.replaceAll('"', '""')}"`;
  }
  return value;
}

/** Formats a header and rows as CSV text with LF line ends and a final newline; numbers use `String()`. */
export function formatCsv(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
  options: ParseCsvOptions = {},
): string {
  const delimiter = options.delimiter ?? ',';
  const lines = [header.map((h) => quoteField(h, delimiter)).join(delimiter)];
  for (const row of rows) {
    if (row.length !== header.length) {
      throw new RangeError(`formatCsv: a row has ${row.length} fields, the header has ${header.length}`);
    }
    lines.push(row.map((v) => quoteField(typeof v === 'number' ? String(v) : v, delimiter)).join(delimiter));
  }
  return lines.join('\n') + '\n';
}

/** Parses one numeric cell: '' (or whitespace) is missing → NaN; anything non-numeric throws RangeError. */
export function parseNumericCell(cell: string, where: string): number {
  const trimmed = cell.trim();
  if (trimmed === '' || trimmed === 'NaN' || trimmed === 'nan' || trimmed === 'NA') return Number.NaN;
  const value = Number(trimmed);
  if (Number.isNaN(value)) throw new CsvError(`${where}: '${cell}' is not a number`);
  return value;
}
