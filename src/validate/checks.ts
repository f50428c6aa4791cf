// The checks of stage `validate` over the split tables: each gives a count of offending rows and a few examples,
// and a fatal check that fails stops the stage with one line naming the file and the rows.
import type { Split } from '../ml/preprocess/index.js';
import type { ClipRecord } from './clip-record.js';

/** How many example rows a check keeps for the report. */
export const MAX_EXAMPLES = 20;
/** How many examples a failure line names before `… (n more)`. */
const LINE_EXAMPLES = 5;

/** One offending row: its split, 1-based data row in the split's table, clip and what is wrong. */
export interface CheckIssue {
  readonly split: Split;
  readonly row: number;
  readonly clip_ID: string;
  readonly detail: string;
}

/** The outcome of one check on one file (a split table, or `data/splits` for checks across splits). */
export interface CheckResult {
  readonly check: string;
  readonly file: string;
  readonly fatal: boolean;
  readonly checked: number;
  readonly failed: number;
  /** What the failing rows have in common, e.g. `2 file(s) missing or undecodable`. */
  readonly message: string;
  readonly examples: CheckIssue[];
}

/** A split table as validate sees it: the file, the split and its rows. */
export interface SplitTable {
  readonly split: Split;
  readonly file: string;
  readonly rows: readonly ClipRecord[];
}

/** Builds a check result from all its issues (keeping the first MAX_EXAMPLES). */
export function checkResult(
  fields: { check: string; file: string; fatal: boolean; checked: number; describe: (failed: number) => string },
  issues: readonly CheckIssue[],
): CheckResult {
  return {
    check: fields.check,
    file: fields.file,
    fatal: fields.fatal,
    checked: fields.checked,
    failed: issues.length,
    message: issues.length === 0 ? 'ok' : fields.describe(issues.length),
    examples: issues.slice(0, MAX_EXAMPLES),
  };
}

/** Whether a check stops the stage. */
export function isFatalFailure(result: CheckResult): boolean {
  return result.fatal && result.failed > 0;
}

/** The one-line message of a failed check: `file: message: clip (detail), …`. */
export function failureLine(result: CheckResult): string {
  const shown = result.examples.slice(0, LINE_EXAMPLES).map((e) => `${e.clip_ID} (${e.detail})`);
  const more = result.failed > shown.length ? `, … (${result.failed - shown.length} more)` : '';
  return `${result.file}: ${result.message}${shown.length > 0 ? `: ${shown.join(', ')}${more}` : ''}`;
}

/** Labels outside the allowed set (params `validate.labels`). */
export function checkLabels(table: SplitTable, labels: readonly string[]): CheckResult {
  const allowed = new Set(labels);
  const issues: CheckIssue[] = [];
  table.rows.forEach((row, i) => {
    if (!allowed.has(row.Answer)) issues.push({ split: table.split, row: i + 1, clip_ID: row.clip_ID, detail: `label '${row.Answer}'` });
  });
  return checkResult({ check: 'labels', file: table.file, fatal: true, checked: table.rows.length,
    describe: (n) => `${n} row(s) with a label not in params.yaml:validate.labels [${labels.join(', ')}]` }, issues);
}

/** Children that appear in more than one split (the split must be child-disjoint). */
export function checkChildOverlap(tables: readonly SplitTable[], file: string): CheckResult {
  const seen = new Map<string, { split: Split; row: number; clip_ID: string }>();
  const reported = new Set<string>();
  const children = new Set<string>();
  const issues: CheckIssue[] = [];
  for (const table of tables) {
    table.rows.forEach((row, i) => {
      const first = seen.get(row.child_ID);
      if (first === undefined) seen.set(row.child_ID, { split: table.split, row: i + 1, clip_ID: row.clip_ID });
      else if (first.split !== table.split && !reported.has(`${row.child_ID}/${table.split}`)) {
        reported.add(`${row.child_ID}/${table.split}`);
        children.add(row.child_ID);
        issues.push({ split: table.split, row: i + 1, clip_ID: row.clip_ID,
          detail: `child ${row.child_ID} in ${first.split} and ${table.split}` });
      }
    });
  }
  return checkResult({ check: 'child-overlap', file, fatal: true, checked: seen.size,
    describe: () => `${children.size} child(ren) in more than one split` }, issues);
}

/** clip_IDs that occur more than once, within a split or across splits. */
export function checkDuplicateClips(tables: readonly SplitTable[], file: string): CheckResult {
  const seen = new Map<string, string>();
  const issues: CheckIssue[] = [];
  let checked = 0;
  for (const table of tables) {
    table.rows.forEach((row, i) => {
      checked++;
      const first = seen.get(row.clip_ID);
      const where = `${table.split} row ${i + 1}`;
      if (first === undefined) seen.set(row.clip_ID, where);
      else issues.push({ split: table.split, row: i + 1, clip_ID: row.clip_ID, detail: `${where}, also ${first}` });
    });
  }
  return checkResult({ check: 'duplicate-clips', file, fatal: true, checked,
    describe: (n) => `${n} duplicate clip_ID row(s)` }, issues);
}
