// DVC's `-S` sweep syntax: `[file:]key=v1,v2`, `key=range(start, stop[, step])`, `key=choice(a, b)`; several -S
// give the grid (cartesian product) of their values, in the order given.
import { parse } from 'yaml';
import { fail, ok, type Result } from '../result.js';
import type { Value } from '../stage.js';

/** One param to set: `file` (default params.yaml), dotted `key`, YAML-parsed `value`. */
export interface ParamSet {
  readonly file: string;
  readonly key: string;
  readonly value: Value;
}

/** The experiments a list of `-S` options describes: one list of assignments each. */
export function expandSweep(specs: readonly string[]): Result<ParamSet[][], string> {
  let grid: ParamSet[][] = [[]];
  for (const spec of specs) {
    const axis = parseSpec(spec);
    if (!axis.ok) return axis;
    grid = grid.flatMap((combo) => axis.value.map((set) => [...combo, set]));
  }
  return ok(grid);
}

function parseSpec(spec: string): Result<ParamSet[], string> {
  const eq = spec.indexOf('=');
  if (eq <= 0) return fail(`-S ${spec}: expected [file:]key=value`);
  const lhs = spec.slice(0, eq).trim();
  const rhs = spec.slice(eq + 1).trim();
  const colon = lhs.lastIndexOf(':');
  const file = colon > 0 ? lhs.slice(0, colon) : 'params.yaml';
  const key = colon > 0 ? lhs.slice(colon + 1) : lhs;
  if (key === '' || /\s/.test(key)) return fail(`-S ${spec}: bad key '${key}'`);
  const values = parseValues(rhs);
  if (!values.ok) return fail(`-S ${spec}: ${values.error}`);
  return ok(values.value.map((value) => ({ file, key, value })));
}

/** `range(a, b[, s])` (stop excluded, as Python), `choice(x, y)`, `x,y,z` or one value. */
function parseValues(rhs: string): Result<Value[], string> {
  const range = /^range\(([^)]*)\)$/.exec(rhs);
  if (range !== null) {
    const nums = (range[1] ?? '').split(',').map((s) => Number(s.trim()));
    if (nums.length < 2 || nums.length > 3 || nums.some((n) => !Number.isFinite(n))) return fail('range() takes 2 or 3 numbers');
    const [start, stop, step = 1] = nums as [number, number, number?];
    if (step === 0) return fail('range() step must not be 0');
    const out: number[] = [];
    for (let v = start, i = 0; step > 0 ? v < stop : v > stop; i++, v = start + i * step) out.push(Number(v.toPrecision(12)));
    return out.length === 0 ? fail('range() is empty') : ok(out);
  }
  const choice = /^choice\(([^)]*)\)$/.exec(rhs);
  const list = choice !== null ? (choice[1] ?? '') : rhs;
  const items = splitTopLevel(list).map((s) => s.trim());
  if (items.some((s) => s === '')) return fail('empty value');
  return ok(items.map((s) => toValue(parse(s) as unknown)));
}

/** Splits on commas outside brackets and quotes (so `[1,2]` stays one value). */
function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let cur = '';
  for (const c of s) {
    if (quote !== '') quote = c === quote ? '' : quote;
    else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out;
}

function toValue(v: unknown): Value {
  if (v === undefined) return null;
  return v as Value;
}
