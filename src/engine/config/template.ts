// `${…}` interpolation as DVC's parser does it (dvc/parsing/interpolate.py, context.py): `${a.b}`, `${l[0]}`,
// `${item[thresh]}`; a string that is exactly one `${…}` keeps the value's type; a mapping inside a stage's cmd
// becomes `--key value` flags; `\${` is a literal `${`; an unterminated `${` stays text. Errors carry DVC's text.
import type { Value } from '../stage.js';
import { fail, ok, type Result } from '../result.js';
import { pyStr } from './py-str.js';

export type Context = { readonly [key: string]: Value };
/** `message` is DVC's (`Could not find 'x'`, `Cannot interpolate data of type 'dict'`, a ParseException). */
export type TemplateError = { kind: 'undefined'; name: string } | { kind: 'bad'; message: string };

/** How a mapping becomes flags (DVC's `parsing` config: `bool: store_true|boolean_optional`, `list: nargs|append`). */
export interface FlagStyle {
  readonly bool: 'store_true' | 'boolean_optional';
  readonly list: 'nargs' | 'append';
}
export const DEFAULT_FLAGS: FlagStyle = { bool: 'store_true', list: 'nargs' };

// DVC's KEYCRE: `${` not preceded by a backslash, up to the first `}`
const REF = /(?<!\\)\$\{(.*?)\}/g;

/** True when `text` holds a `${…}` reference. */
export function isInterpolated(text: string): boolean {
  REF.lastIndex = 0;
  return REF.test(text);
}

/**
 * Interpolates `text`. `key` is the stage key the text sits under (`cmd`, `deps`, …; undefined for foreach/matrix
 * data): there, only scalars may be interpolated, except a mapping in `cmd`.
 */
export function interpolate(
  text: string,
  ctx: Context,
  key: string | undefined,
  flags: FlagStyle = DEFAULT_FLAGS,
  onUse?: (expr: string, value: Value) => void,
): Result<Value, TemplateError> {
  const matches = [...text.matchAll(REF)];
  if (matches.length === 1 && matches[0]?.[0] === text) {
    const value = select(ctx, matches[0][1] ?? '');
    if (!value.ok) return value;
    onUse?.(matches[0][1] ?? '', value.value);
    const bad = validate(value.value, key);
    return bad === undefined ? value : fail(bad);
  }
  let out = '';
  let index = 0;
  for (const m of matches) {
    const value = select(ctx, m[1] ?? '');
    if (!value.ok) return value;
    onUse?.(m[1] ?? '', value.value);
    const bad = validate(value.value, key);
    if (bad !== undefined) return fail(bad);
    const piece = toStr(value.value, flags);
    if (!piece.ok) return piece;
    out += text.slice(index, m.index) + piece.value;
    index = (m.index ?? 0) + m[0].length;
  }
  return ok((out + text.slice(index)).replaceAll('\\${', '${'));
}

/** DVC's syntax check of every reference in `text` (done before resolving): the first error, if any. */
export function checkSyntax(text: string): TemplateError | undefined {
  for (const m of text.matchAll(REF)) {
    const parsed = parseExpr(m[1] ?? '');
    if (!parsed.ok) return parsed.error;
  }
  return undefined;
}

/** `a[b].c` as DVC normalises it: `a.b.c`, parts trimmed. */
export function normaliseExpr(expr: string): string {
  return expr.replaceAll('[', '.').replaceAll(']', '').split('.').map((p) => p.trim()).join('.');
}

/** The value at `expr` (`a.b`, `l[0]`, `item[thresh]`), undefined when any step is missing. */
export function lookup(ctx: Context, expr: string): Value | undefined {
  const r = select(ctx, expr);
  return r.ok ? r.value : undefined;
}

function select(ctx: Context, expr: string): Result<Value, TemplateError> {
  const parsed = parseExpr(expr);
  if (!parsed.ok) return parsed;
  // DVC normalises `a[b]` to `a.b`, then walks the dotted parts (list indices through int(), negative ones too)
  const parts = expr.replaceAll('[', '.').replaceAll(']', '').split('.');
  let cur: Value = ctx;
  for (const raw of parts) {
    const part = raw.trim();
    let next: Value | undefined;
    if (Array.isArray(cur)) {
      const list = cur as readonly Value[];
      const i = /^[+-]?\d+$/.test(part) ? Number(part) : Number.NaN;
      next = Number.isInteger(i) ? list[i < 0 ? list.length + i : i] : undefined;
    } else if (cur !== null && typeof cur === 'object') {
      const map = cur as { readonly [k: string]: Value };
      next = Object.hasOwn(map, part) ? map[part] : undefined;
    }
    if (next === undefined) return fail({ kind: 'undefined', name: expr });
    cur = next;
  }
  return ok(cur);
}

/** DVC's grammar: word (`.` word | `[` word `]`)*, a word being any characters but `.[]`. */
function parseExpr(expr: string): Result<true, TemplateError> {
  const isWord = (c: string | undefined): boolean => c !== undefined && c !== '.' && c !== '[' && c !== ']';
  const wordEnd = (start: number): number => {
    let e = start;
    while (isWord(expr[e])) e++;
    return e > start ? e : -1;
  };
  let p = wordEnd(0);
  if (p < 0) return fail(syntaxError(expr, 0, 'Expected W:(^.[]), found ' + (expr === '' ? 'end of text' : `'${expr[0]}'`)));
  for (;;) {
    if (expr[p] === '.' && wordEnd(p + 1) > 0) p = wordEnd(p + 1);
    else if (expr[p] === '[' && wordEnd(p + 1) > 0 && expr[wordEnd(p + 1)] === ']') p = wordEnd(p + 1) + 1;
    else break;
  }
  if (p < expr.length) return fail(syntaxError(expr, p, `Expected end of text, found '${expr[p]}'`));
  return ok(true);
}

function syntaxError(expr: string, at: number, what: string): TemplateError {
  const char = at + 2; // DVC reports the position within `${expr}`
  return { kind: 'bad', message: `\${${expr}}: ParseException: ${what}  (at char ${char}), (line:1, col:${char + 1})` };
}

/** DVC's validate_value: under a stage key only scalars (and a mapping in cmd) may be interpolated. */
function validate(value: Value, key: string | undefined): TemplateError | undefined {
  if (value === null || typeof value !== 'object' || key === undefined || key.includes('foreach')) return undefined;
  if (!Array.isArray(value) && key === 'cmd') return undefined;
  return { kind: 'bad', message: `Cannot interpolate data of type '${Array.isArray(value) ? 'list' : 'dict'}'` };
}

/** DVC's to_str: booleans `true`/`false`, a mapping as flags, anything else as Python's str(). */
function toStr(value: Value, flags: FlagStyle): Result<string, TemplateError> {
  if (typeof value === 'boolean') return ok(value ? 'true' : 'false');
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return toFlags(value as { readonly [k: string]: Value }, flags);
  return ok(pyStr(value));
}

/** `{lr: 0.1, fast: true, slow: false, dims: [1, 2]}` → `--lr 0.1 --fast --dims 1 2` (nested keys dotted). */
function toFlags(map: { readonly [k: string]: Value }, style: FlagStyle): Result<string, TemplateError> {
  const words: string[] = [];
  for (const [k, v] of Object.entries(flattenMap(map))) {
    if (typeof v === 'boolean') {
      if (v) words.push(`--${k}`);
      else if (style.bool === 'boolean_optional') words.push(`--no-${k}`);
    } else if (typeof v === 'string') words.push(`--${k}`, shellQuote(v));
    else if (Array.isArray(v)) {
      for (const [n, item] of (v as readonly Value[]).entries()) {
        if (item !== null && typeof item === 'object') return fail({ kind: 'bad', message: `Cannot interpolate nested iterable in '${k}'` });
        const text = typeof item === 'string' ? shellQuote(item) : pyStr(item);
        if (style.list === 'append' || n === 0) words.push(`--${k}`);
        words.push(text);
      }
    } else words.push(`--${k}`, pyStr(v));
  }
  return ok(words.join(' '));
}

function flattenMap(map: { readonly [k: string]: Value }, prefix = '', out: Record<string, Value> = {}): Record<string, Value> {
  for (const [k, v] of Object.entries(map)) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flattenMap(v as { readonly [k: string]: Value }, `${prefix}${k}.`, out);
    else out[prefix + k] = v;
  }
  return out;
}

/** Python's shlex.quote. */
export function shellQuote(word: string): string {
  if (word === '') return "''";
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'"'"'`)}'`;
}
