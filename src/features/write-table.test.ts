import { mkdtempSync, readFileSync } from 'node:fs';
import { FeatureInputError } from './feature-input-error.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import type { ExtractedRow } from './extract.js';
import { csvCell, featureTableCsv, tableFormatOf, writeErrorTable, writeFeatureTable } from './write-table.js';

const rows: ExtractedRow[] = [
  { name: 'a.wav', path: 'in/a.wav', ok: true, values: Float64Array.from([1.5, -2e-7]) },
  { name: 'sub/b,c.wav', path: 'in/sub/b,c.wav', ok: false, reason: 'truncated: data chunk declares 10 bytes, 2 present' },
  { name: 'd.wav', path: 'in/d.wav', ok: true, values: Float64Array.from([0.1 + 0.2, NaN]) },
];

describe('feature tables', () => {
  it('picks the format from the extension', () => {
    expect(tableFormatOf('x/out.CSV')).toBe('csv');
    expect(tableFormatOf('out.parquet')).toBe('parquet');
    expect(() => tableFormatOf('out.xlsx')).toThrow(FeatureInputError);
  });

  it('writes CSV with exact numbers, quoted names and empty cells for missing values', () => {
    expect(featureTableCsv(['f1', 'f2'], rows)).toBe(
      'file,f1,f2\na.wav,1.5,-2e-7\n"sub/b,c.wav",,\nd.wav,0.30000000000000004,\n',
    );
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  });

  it('writes Parquet that reads back: file STRING, DOUBLE features, null for a failed file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipe-table-'));
    const path = join(dir, 'out.parquet');
    await writeFeatureTable(path, ['f1', 'f2'], rows);
    const bytes = readFileSync(path);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const schema = parquetSchema(parquetMetadata(file));
    expect(schema.children.map((c) => [c.element.name, c.element.type])).toEqual([['file', 'BYTE_ARRAY'], ['f1', 'DOUBLE'], ['f2', 'DOUBLE']]);
    expect(await parquetReadObjects({ file })).toEqual([
      { file: 'a.wav', f1: 1.5, f2: -2e-7 },
      { file: 'sub/b,c.wav', f1: null, f2: null },
      { file: 'd.wav', f1: 0.30000000000000004, f2: null },
    ]);
    // Deterministic bytes: the same table written again is identical.
    await writeFeatureTable(join(dir, 'again.parquet'), ['f1', 'f2'], rows);
    expect(readFileSync(join(dir, 'again.parquet')).equals(bytes)).toBe(true);
  });

  it('lists failed files with their reasons', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipe-table-'));
    writeErrorTable(join(dir, 'out.errors.csv'), rows);
    expect(readFileSync(join(dir, 'out.errors.csv'), 'utf8')).toBe(
      'file,reason\n"sub/b,c.wav","truncated: data chunk declares 10 bytes, 2 present"\n',
    );
  });
});
