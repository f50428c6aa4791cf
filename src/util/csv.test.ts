// Behaviour of the CSV reader/writer on the RFC 4180 cases (quotes, doubled quotes, CRLF, empty cells).
import { CsvError } from './csv.js';
import { describe, expect, it } from 'vitest';
import { formatCsv, parseCsv, parseNumericCell } from './csv.js';

describe('parseCsv', () => {
  it('reads a header and rows, keeping empty cells as empty strings', () => {
    const t = parseCsv('a,b,c\n1,,3\n4,5,\n');
    expect(t.header).toEqual(['a', 'b', 'c']);
    expect(t.rows).toEqual([
      ['1', '', '3'],
      ['4', '5', ''],
    ]);
  });

  it('handles quoted fields with delimiters, doubled quotes and line breaks', () => {
    const t = parseCsv('name,note\r\n"Smith, J","said ""hi""\nthen left"\r\nx,y');
    expect(t.rows).toEqual([
      ['Smith, J', 'said "hi"\nthen left'],
      ['x', 'y'],
    ]);
  });

  it('skips a byte-order mark and blank lines, and accepts another delimiter', () => {
    expect(parseCsv('\ufeffa;b\n\n1;2\n\n', { delimiter: ';' }).rows).toEqual([['1', '2']]);
  });

  it('rejects ragged rows and unterminated quotes', () => {
    expect(() => parseCsv('a,b\n1,2,3\n')).toThrow(CsvError);
    expect(() => parseCsv('a,b\n"1,2\n')).toThrow(/unterminated/);
    expect(() => parseCsv('')).toThrow(/no header/);
  });
});

describe('formatCsv', () => {
  it('round-trips through parseCsv, quoting only where needed', () => {
    const header = ['id', 'text', 'value'];
    const rows = [
      ['a', 'plain', 1.5],
      ['b', 'with, comma', -2],
      ['c', 'quote " and\nnewline', 0],
    ];
    const text = formatCsv(header, rows);
    expect(text.split('\n')[1]).toBe('a,plain,1.5');
    expect(parseCsv(text).rows).toEqual(rows.map((r) => r.map(String)));
  });
});

describe('parseNumericCell', () => {
  it('reads numbers, treats empty and NaN cells as missing, rejects text', () => {
    expect(parseNumericCell(' -1.5e3 ', 'x')).toBe(-1500);
    expect(parseNumericCell('', 'x')).toBeNaN();
    expect(parseNumericCell('NaN', 'x')).toBeNaN();
    expect(() => parseNumericCell('abc', 'cell')).toThrow(/cell: 'abc'/);
  });
});
