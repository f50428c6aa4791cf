// Turns zod validation issues into one positioned, human-sized `schema` failure (first issue wins).
import type { z } from 'zod';
import type { Failure } from '../failure.js';
import { didYouMean } from './did-you-mean.js';
import { knownKeys } from './schema.js';
import { positionOf, type YamlPath, type YamlSource } from './yaml-source.js';

type Issue = z.core.$ZodIssue;

/** Validates `value` (found at `basePath` in `src`) and returns typed data or a positioned schema failure. */
export function validateAt<T>(
  schema: z.ZodType<T>,
  value: unknown,
  src: YamlSource,
  basePath: YamlPath,
  known: readonly string[],
): { ok: true; value: T } | { ok: false; error: Failure } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const unknownKey = parsed.error.issues.find((i) => i.code === 'unrecognized_keys');
  const issue = unknownKey ?? pickIssue(parsed.error.issues);
  return { ok: false, error: issueFailure(issue, value, src, basePath, known) };
}

/** Descends into union failures to the branch that got furthest (deepest issue path). */
function pickIssue(issues: readonly Issue[]): Issue {
  const first = issues[0];
  if (first === undefined) throw new Error('zod reported failure without issues');
  if (first.code !== 'invalid_union') return first;
  let best: Issue | undefined;
  for (const branch of first.errors) {
    const candidate = branch[0];
    if (candidate === undefined) continue;
    const atRootType = candidate.code === 'invalid_type' && candidate.path.length === 0;
    if (!atRootType && (best === undefined || candidate.path.length > best.path.length)) best = candidate;
  }
  if (best === undefined) return first;
  return { ...best, path: [...first.path, ...best.path] } as Issue;
}

function issueFailure(issue: Issue, value: unknown, src: YamlSource, basePath: YamlPath, known: readonly string[]): Failure {
  const path = [...basePath, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  const where = describePath(path);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const suggestion = didYouMean(key, issue.path.length === 0 ? known : NESTED_KEYS);
    const hint = suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`;
    return { reason: 'schema', pos: positionOf(src, [...path, key], true), message: `${where}: unknown key '${key}'${hint}` };
  }
  const last = issue.path[issue.path.length - 1];
  if (issue.path.length > 0 && valueAt(value, issue.path) === undefined && typeof last === 'string') {
    const parent = path.slice(0, -1);
    return { reason: 'schema', pos: positionOf(src, parent, true), message: `${describePath(parent)}: missing required key '${last}'` };
  }
  if (issue.code === 'invalid_type') {
    const actual = valueAt(value, issue.path);
    const expected = EXPECTED_NAMES[issue.expected] ?? issue.expected;
    const message = actual === undefined ? `${where}: missing (expected ${expected})` : `${where}: expected ${expected}, got ${typeName(actual)}`;
    return { reason: 'schema', pos: positionOf(src, path), message };
  }
  return { reason: 'schema', pos: positionOf(src, path), message: `${where}: ${issue.message}` };
}

/** `stages.train.outs[0]`-style rendering of a YAML path. */
export function describePath(path: YamlPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out === '' ? 'top level' : out;
}

/** Keys of nested objects (foreach `do`, output flags) for suggestions below the validated object. */
const NESTED_KEYS = [...knownKeys.stage, 'cache', 'persist', 'desc', 'remote', 'push', 'x', 'y', 'template', 'title'];

const EXPECTED_NAMES: Record<string, string> = { record: 'a mapping', object: 'a mapping', array: 'a list', string: 'a string' };

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let cur = value;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return cur;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'mapping';
  return typeof v;
}
