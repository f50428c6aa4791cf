// schema.yaml: the columns of the split tables with their types and allowed values, validated at the boundary
// (zod); a bad schema is one line `schema.yaml:columns.<name>.<key>: …`.
import { readYamlFile } from './read-yaml.js';
import { z } from 'zod';
import type { ClipRecord } from './split-table.js';
import { StageError } from './stage-error.js';
import { checkResult, type CheckIssue, type CheckResult, type SplitTable } from '../../src/validate/index.js';

export const SCHEMA_FILE = 'schema.yaml';

const columnSchema = z.strictObject({
  type: z.enum(['string', 'int', 'float']),
  allowed: z.array(z.union([z.string(), z.number()])).min(1).optional(),
  pattern: z.string().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  nullable: z.boolean().default(false),
});
const dataSchema = z.strictObject({ columns: z.record(z.string(), columnSchema) });

export type ColumnSpec = z.infer<typeof columnSchema>;

/** A loaded schema: column specs in file order, patterns compiled. */
export interface DataSchema {
  readonly columns: ReadonlyArray<{ readonly name: string; readonly spec: ColumnSpec; readonly pattern?: RegExp }>;
}

/** Loads and validates schema.yaml. */
export function loadDataSchema(file = SCHEMA_FILE): DataSchema {
  const data = readYamlFile(file, dataSchema);
  const columns = Object.entries(data.columns).map(([name, spec]) => {
    if (spec.pattern === undefined) return { name, spec };
    try {
      return { name, spec, pattern: new RegExp(spec.pattern) };
    } catch {
      throw new StageError(`${file}:columns.${name}.pattern: not a valid regular expression: ${spec.pattern}`);
    }
  });
  if (columns.length === 0) throw new StageError(`${file}:columns: lists no columns`);
  return { columns };
}

/** What is wrong with one cell under its column spec, or undefined when it conforms. */
export function cellProblem(value: string, spec: ColumnSpec, pattern?: RegExp): string | undefined {
  if (value.trim() === '') return spec.nullable ? undefined : 'empty';
  if (spec.type !== 'string') {
    const number = Number(value);
    if (!Number.isFinite(number) || (spec.type === 'int' && !/^\s*[-+]?\d+\s*$/.test(value))) return `not ${spec.type === 'int' ? 'an int' : 'a float'}`;
    if (spec.min !== undefined && number < spec.min) return `below ${spec.min}`;
    if (spec.max !== undefined && number > spec.max) return `above ${spec.max}`;
  }
  if (spec.allowed !== undefined && !spec.allowed.map(String).includes(value)) return `not one of ${spec.allowed.join('|')}`;
  if (pattern !== undefined && !pattern.test(value)) return `does not match /${pattern.source}/`;
  return undefined;
}

/** Cells that violate the schema's types, allowed values and patterns (one issue per row, naming its first bad cell). */
export function checkSchemaTypes(table: SplitTable, schema: DataSchema): CheckResult {
  const issues: CheckIssue[] = [];
  table.rows.forEach((row, i) => {
    const record = row as unknown as Record<string, string | undefined>;
    const problems: string[] = [];
    for (const { name, spec, pattern } of schema.columns) {
      const value = record[name] ?? '';
      const problem = cellProblem(value, spec, pattern);
      if (problem !== undefined) problems.push(`${name} '${value}' ${problem}`);
    }
    if (problems.length > 0) issues.push({ split: table.split, row: i + 1, clip_ID: rowName(row, i), detail: problems.join('; ') });
  });
  return checkResult({ check: 'schema', file: table.file, fatal: true, checked: table.rows.length,
    describe: (n) => `${n} row(s) violate ${SCHEMA_FILE}` }, issues);
}

/** A row's name in messages: its clip_ID, or `row N` when that is empty. */
function rowName(row: ClipRecord, index: number): string {
  return row.clip_ID === '' ? `row ${index + 1}` : row.clip_ID;
}
