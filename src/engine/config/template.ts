// `${…}` interpolation (DVC templating): `${a.b}`, `${list[0]}`, `${item}`, `\${` escapes; a whole-string
// reference keeps the value's type; a mapping interpolated into a cmd expands to `--key value` flags.
import type { Value } from '../stage.js';
import { fail, ok, type Result } from '../result.js';

export type Context = { readonly [key: string]: Value };
export type TemplateError = { kind: 'undefined'; name: string } | { kind: 'bad'; message: string };

const WHOLE = /^\$\{\s*([^}]*?)\s*\}$/;

/** Interpolates `text`; `inCmd` enables mapping → flags and list → space-joined expansion. */
export function interpolate(text: string, ctx: Context, inCmd: boolean): Result<Value, TemplateError> {
  if (!text.includes('${')) return ok(text);
  const whole = WHOLE.exec(text);
  if (whole !== null && !text.startsWith('\\')) {
    const value = lookup(ctx, whole[1] ?? '');
    if (value === undefined) return fail({ kind: 'undefined', name: whole[1] ?? '' });
    if (inCmd && value !== null && typeof value === 'object') return stringify(value, whole[1] ?? '', inCmd);
    return ok(value);
  }
  let out = '';
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf('${', i);
    if (at < 0) {
      out += text.slice(i);
      break;
    }
    if (at > 0 && text[at - 1] === '\\') {
      out += text.slice(i, at - 1) + '${';
      i = at + 2;
      continue;
    }
    const end = text.indexOf('}', at);
    if (end < 0) return fail({ kind: 'bad', message: `unterminated '\${' in '${text}'` });
    const expr = text.slice(at + 2, end).trim();
    const value = lookup(ctx, expr);
    if (value === undefined) return fail({ kind: 'undefined', name: expr });
    const piece = stringify(value, expr, inCmd);
    if (!piece.ok) return piece;
    out += text.slice(i, at) + piece.value;
    i = end + 1;
  }
  return ok(out);
}

/** Resolves `a.b[0].c` in `ctx`; undefined when any step is missing. */
export function lookup(ctx: Context, expr: string): Value | undefined {
  const steps = parseExpr(expr);
  if (steps === undefined || steps.length === 0) return undefined; // `${}` names nothing
  let cur: Value | undefined = ctx;
  for (const step of steps) {
    if (cur === null || typeof cur !== 'object' || cur === undefined) return undefined;
    if (Array.isArray(cur)) {
      const idx: number = typeof step === 'number' ? step : Number.NaN;
      cur = (cur as readonly Value[])[idx];
    } else {
      cur = Object.hasOwn(cur, String(step)) ? (cur as { readonly [k: string]: Value })[String(step)] : undefined;
    }
  }
  return cur;
}

function parseExpr(expr: string): (string | number)[] | undefined {
  const steps: (string | number)[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\./gy;
  let m: RegExpExecArray | null;
  re.lastIndex = 0;
  while (re.lastIndex < expr.length && (m = re.exec(expr)) !== null) {
    if (m[1] !== undefined) steps.push(/^\d+$/.test(m[1]) ? Number(m[1]) : m[1]);
    else if (m[2] !== undefined) steps.push(Number(m[2]));
  }
  return re.lastIndex === expr.length || steps.length > 0 ? steps : undefined;
}

function stringify(value: Value, expr: string, inCmd: boolean): Result<string, TemplateError> {
  if (value === null) return ok('None');
  if (typeof value !== 'object') return ok(String(value));
  if (!inCmd) return fail({ kind: 'bad', message: `cannot interpolate a ${Array.isArray(value) ? 'list' : 'mapping'} '\${${expr}}' here` });
  if (Array.isArray(value)) return ok((value as readonly Value[]).map((v) => shellWord(scalarText(v))).join(' '));
  return ok(toFlags(value as { readonly [k: string]: Value }, '').join(' '));
}

/** `{lr: 0.1, fast: true, slow: false, dims: [1, 2]}` → `--lr 0.1 --fast --dims 1 2` (nested keys dotted). */
function toFlags(map: { readonly [k: string]: Value }, prefix: string): string[] {
  const flags: string[] = [];
  for (const [key, v] of Object.entries(map)) {
    const name = prefix + key;
    if (v === true) flags.push(`--${name}`);
    else if (v === false || v === null) continue;
    else if (Array.isArray(v)) flags.push(`--${name}`, ...(v as readonly Value[]).map((x) => shellWord(scalarText(x))));
    else if (typeof v === 'object') flags.push(...toFlags(v as { readonly [k: string]: Value }, `${name}.`));
    else flags.push(`--${name}`, shellWord(String(v)));
  }
  return flags;
}

function scalarText(v: Value): string {
  return v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Quotes a word for /bin/sh when it holds anything beyond safe characters. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
