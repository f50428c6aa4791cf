import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClipRecord, SplitTable } from '../../src/validate/index.js';
import { cellProblem, checkSchemaTypes, loadDataSchema } from './validate-schema.js';

function record(child: string, clip: string, label = 'Junk'): ClipRecord {
  return { child_ID: child, age_mo_round: '7', child_gender: 'F', clip_ID: clip, Answer: label, corpus: 'home', path: `data/${clip}` };
}

function table(split: 'train' | 'valid' | 'test', rows: ClipRecord[]): SplitTable {
  return { split, file: `data/splits/${split}.csv`, rows };
}

describe('schema', () => {
  it('checks types, bounds, allowed values and patterns of cells', () => {
    expect(cellProblem('12', { type: 'int', nullable: false, min: 0 })).toBeUndefined();
    expect(cellProblem('1.5', { type: 'int', nullable: false })).toBe('not an int');
    expect(cellProblem('-1', { type: 'int', nullable: false, min: 0 })).toBe('below 0');
    expect(cellProblem('x', { type: 'float', nullable: false })).toBe('not a float');
    expect(cellProblem('', { type: 'string', nullable: false })).toBe('empty');
    expect(cellProblem('', { type: 'string', nullable: true })).toBeUndefined();
    expect(cellProblem('U', { type: 'string', nullable: false, allowed: ['F', 'M'] })).toBe('not one of F|M');
    expect(cellProblem('a.mp3', { type: 'string', nullable: false }, /\.wav$/)).toBe('does not match /\\.wav$/');
  });

  it('loads the repository schema.yaml and flags bad rows against it', () => {
    const schema = loadDataSchema(join(import.meta.dirname, '../../schema.yaml'));
    expect(schema.columns.map((c) => c.name)).toEqual(['child_ID', 'age_mo_round', 'child_gender', 'clip_ID', 'Answer', 'corpus', 'path']);
    const bad = { ...record('A', '../up.wav'), age_mo_round: 'x' };
    const result = checkSchemaTypes(table('train', [record('A', 'ok.wav'), bad]), schema);
    expect(result.failed).toBe(1);
    expect(result.examples[0]!.detail).toBe("age_mo_round 'x' not an int; clip_ID '../up.wav' does not match /^[^/\\\\]+\\.wav$/");
  });

  it('rejects a malformed schema with a line naming the key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipe-schema-'));
    const file = join(dir, 'schema.yaml');
    writeFileSync(file, 'columns:\n  age: {type: integer}\n');
    expect(() => loadDataSchema(file)).toThrow(new RegExp(`^${file}:columns\\.age\\.type: `));
    writeFileSync(file, "columns:\n  clip: {type: string, pattern: '('}\n");
    expect(() => loadDataSchema(file)).toThrow(/columns\.clip\.pattern: not a valid regular expression/);
    rmSync(dir, { recursive: true });
  });
});
