// Reads the suggestions of `pipe predict` (a JSON array, or CSV with `p_<class>` columns) and of the burst
// study's predictor (`{audio_files, predictions: [...]}` with `per_class_probability`). Rows that do not
// parse are reported by row; the others are kept.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { parseCsv } from '../util/csv.js';
import { BURST_LABELS, type InputProblem, type Suggestion, type SuggestionSet } from './suggestion.js';

/** The whole input is unreadable (not one row could be taken). */
export class PrelabelsError extends Error {
  constructor(readonly file: string, detail: string) {
    super(`${file}: ${detail}`);
    this.name = 'PrelabelsError';
  }
}

const finite = z.number().finite();
const rowSchema = z.object({
  audio_file: z.string().min(1),
  start_seconds: finite.nonnegative(),
  end_seconds: finite,
  label: z.string().min(1),
  probability: finite.min(0).max(1).optional(),
  probabilities: z.union([z.record(z.string(), finite), z.array(finite)]).optional(),
  per_class_probability: z.record(z.string(), finite).optional(),
  model: z.string().optional(),
});
type Row = z.infer<typeof rowSchema>;

/** Reads a prelabels file (.json or .csv). Throws PrelabelsError when the file itself cannot be read. */
export function readPrelabels(file: string): SuggestionSet {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new PrelabelsError(file, `cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const modelId = `${basename(file)}@sha256:${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
  const { rows, problems, declaredLabels } = file.toLowerCase().endsWith('.csv') ? csvRows(file, text) : jsonRows(file, text);
  const labels = declaredLabels.length > 0 ? declaredLabels : [...new Set(rows.map((r) => r.row.label.toLowerCase()))].sort();
  const suggestions: Suggestion[] = [];
  for (const { row, index } of rows) {
    if (!(row.end_seconds > row.start_seconds)) {
      problems.push({ file, row: index, message: `end_seconds ${row.end_seconds} is not after start_seconds ${row.start_seconds}` });
      continue;
    }
    const probabilities = probabilitiesOf(row, labels);
    const label = row.label.toLowerCase();
    suggestions.push({
      id: `r${index}`,
      audioFile: row.audio_file,
      startS: row.start_seconds,
      endS: row.end_seconds,
      label,
      probability: row.probability ?? probabilities[label] ?? null,
      probabilities,
      modelId: row.model ?? modelId,
    });
  }
  if (suggestions.length === 0 && problems.length > 0 && rows.length === 0 && problems[0]?.row === 0) {
    throw new PrelabelsError(file, problems[0].message);
  }
  return { suggestions, labels, problems, modelId };
}

interface Parsed {
  rows: { row: Row; index: number }[];
  problems: InputProblem[];
  declaredLabels: string[];
}

function jsonRows(file: string, text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PrelabelsError(file, `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const burst = value !== null && typeof value === 'object' && !Array.isArray(value) && 'predictions' in value;
  const items = burst ? (value as { predictions: unknown }).predictions : value;
  if (!Array.isArray(items)) throw new PrelabelsError(file, 'expected an array of predictions or {audio_files, predictions: [...]}');
  const parsed: Parsed = { rows: [], problems: [], declaredLabels: [] };
  const classes = new Set<string>();
  items.forEach((item, i) => {
    const r = rowSchema.safeParse(item);
    if (!r.success) {
      const issue = r.error.issues[0];
      parsed.problems.push({ file, row: i + 1, message: `${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'invalid'}` });
      return;
    }
    parsed.rows.push({ row: r.data, index: i + 1 });
    const named = r.data.per_class_probability ?? (Array.isArray(r.data.probabilities) ? undefined : r.data.probabilities);
    for (const c of Object.keys(named ?? {})) classes.add(c.toLowerCase());
  });
  parsed.declaredLabels = classes.size > 0 ? [...classes] : burst ? [...BURST_LABELS] : [];
  return parsed;
}

function csvRows(file: string, text: string): Parsed {
  let table;
  try {
    table = parseCsv(text);
  } catch (error) {
    throw new PrelabelsError(file, `not valid CSV (${error instanceof Error ? error.message : String(error)})`);
  }
  const column = new Map(table.header.map((h, i) => [h.trim(), i]));
  for (const required of ['audio_file', 'start_seconds', 'end_seconds', 'label']) {
    if (!column.has(required)) throw new PrelabelsError(file, `missing column '${required}' (have: ${table.header.join(', ')})`);
  }
  const classColumns = table.header.map((h, i) => [h.trim(), i] as const).filter(([h]) => h.startsWith('p_'));
  const parsed: Parsed = { rows: [], problems: [], declaredLabels: classColumns.map(([h]) => h.slice(2).toLowerCase()) };
  const cell = (cells: string[], name: string): string | undefined => {
    const i = column.get(name);
    return i === undefined ? undefined : cells[i];
  };
  const num = (s: string | undefined): number | undefined => (s === undefined || s.trim() === '' ? undefined : Number(s.replace(',', '.')));
  table.rows.forEach((cells, i) => {
    const candidate = {
      audio_file: cell(cells, 'audio_file'),
      start_seconds: num(cell(cells, 'start_seconds')),
      end_seconds: num(cell(cells, 'end_seconds')),
      label: cell(cells, 'label'),
      probability: num(cell(cells, 'probability')),
      probabilities: Object.fromEntries(classColumns.map(([h, j]) => [h.slice(2), num(cells[j]) ?? 0])),
      model: cell(cells, 'model') || undefined,
    };
    const r = rowSchema.safeParse(candidate);
    if (!r.success) {
      const issue = r.error.issues[0];
      parsed.problems.push({ file, row: i + 1, message: `${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'invalid'}` });
      return;
    }
    parsed.rows.push({ row: r.data, index: i + 1 });
  });
  return parsed;
}

/** Per-class probabilities by name, from a name→p record, a per_class_probability record or an array in label order. */
function probabilitiesOf(row: Row, labels: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  const named = row.per_class_probability ?? (Array.isArray(row.probabilities) ? undefined : row.probabilities);
  if (named !== undefined) {
    for (const [k, v] of Object.entries(named)) out[k.toLowerCase()] = v;
  } else if (Array.isArray(row.probabilities)) {
    row.probabilities.forEach((p, i) => {
      const name = labels[i];
      if (name !== undefined) out[name] = p;
    });
  }
  return out;
}
