// Feature-set parameters as zod schemas: one schema per set checks both a params.yaml section (`features.<set>`,
// where null means "the default") and `--param key=value` scalars (digit strings accepted, as from the command
// line). The study composes the sets' schemas into its params.yaml schema, so a bad value is reported once, with
// its full key path; the command line gets `<set>: param <key>: …`.
import { FeatureInputError } from './feature-input-error.js';
import { z } from 'zod';
import type { FeatureParams } from './types.js';

/** Accepts a number, or a string of one (`--param n_fft=512` may arrive as text). */
function numeric(inner: z.ZodType<number>): z.ZodType<number> {
  return z.preprocess((raw) => (typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw), inner);
}

/** An integer ≥ min; null or absent: the set's default. */
export function intParam(min = 1) {
  const message = (input: unknown): string => `expected an integer ≥ ${min}, got ${JSON.stringify(input)}`;
  return numeric(z.number({ error: (issue) => message(issue.input) }).refine((v) => Number.isInteger(v) && v >= min, { error: (issue) => message(issue.input) })).nullish();
}

/** A finite number ≥ min; with `nullable`, 'none'/'null' (or YAML null) stand for "no limit". */
export function numberParam(min: number, nullable = false) {
  const message = (input: unknown): string => `expected a number ≥ ${min}${nullable ? " or 'none'" : ''}, got ${JSON.stringify(input)}`;
  const value = numeric(z.number({ error: (issue) => message(issue.input) }).refine((v) => Number.isFinite(v) && v >= min, { error: (issue) => message(issue.input) }));
  if (!nullable) return value.nullish();
  return z.preprocess((raw) => (typeof raw === 'string' && ['none', 'null'].includes(raw.trim().toLowerCase()) ? null : raw), value.nullable()).optional();
}

/** One of a fixed list of strings. */
export function choiceParam<const T extends readonly [string, ...string[]]>(choices: T) {
  return z.enum(choices, { error: (issue) => `expected one of ${choices.join(', ')}, got ${JSON.stringify(issue.input)}` }).nullish();
}

/** A set's params object: only the listed keys. */
export function setParamsSchema<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(shape);
}

/** Checks params against a set's schema; throws FeatureInputError naming an unknown key (listing the known ones) or the
 * bad value (`<set>: param <key>: …`). Nulls mean "default" and come back as undefined. */
export function parseSetParams<T extends z.ZodObject>(setName: string, schema: T, params: FeatureParams | Readonly<Record<string, unknown>>): z.infer<T> {
  const known = Object.keys(schema.shape);
  const unknown = Object.keys(params).find((key) => !known.includes(key));
  if (unknown !== undefined) throw new FeatureInputError('bad-param', `${setName}: unknown param '${unknown}' (known: ${known.join(', ')})`);
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FeatureInputError('bad-param', `${setName}: param ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** Reads `key=value` pairs (as given to `--param`) into scalars: numbers and true/false are converted. */
export function parseParamAssignments(assignments: readonly string[]): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const assignment of assignments) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) throw new FeatureInputError('bad-param', `--param ${assignment}: expected key=value`);
    const key = assignment.slice(0, eq).trim();
    const value = assignment.slice(eq + 1).trim();
    if (value === 'true' || value === 'false') out[key] = value === 'true';
    else if (value !== '' && Number.isFinite(Number(value))) out[key] = Number(value);
    else out[key] = value;
  }
  return out;
}
