// foreach/do and matrix expansion as DVC's ForeachDefinition/MatrixDefinition: one definition becomes stages
// named `name@key`. The data is interpolated first (`foreach: ${models}` or a list holding `${…}`).
import type { Value } from '../stage.js';
import { fail, ok, type Result } from '../result.js';
import { pyStr } from './py-str.js';
import { interpolate, normaliseExpr, type Context, type TemplateError } from './template.js';

/** One generated instance: its name suffix and the `item` (and `key`) it sees. */
export interface Instance {
  readonly key: string;
  readonly extra: Readonly<Record<string, Value>>;
  /** Where `item` lives in the context (`models.m1`) when the data was one `${models}`: for tracked vars. */
  readonly itemPath?: string;
}

/**
 * Instances of `foreach`: over a mapping, key = the mapping key, with `${key}` and `${item}`; over a list of
 * scalars, key = the item (`true`/`false` for booleans); over a list holding lists or mappings, key = the index.
 * Only a mapping provides `${key}` (DVC's _inserted_keys).
 */
export function foreachInstances(spec: unknown, ctx: Context): Result<Instance[], TemplateError> {
  const resolved = resolveData(spec, ctx);
  if (!resolved.ok) return resolved;
  const value = resolved.value;
  const whole = typeof spec === 'string' ? /^\$\{([^}]*)\}$/.exec(spec)?.[1] : undefined;
  const base = whole === undefined ? undefined : normaliseExpr(whole);
  const at = (k: string | number): { itemPath?: string } => (base === undefined ? {} : { itemPath: `${base}.${k}` });
  if (Array.isArray(value)) {
    const items = value as readonly Value[];
    const composite = items.some((v) => v !== null && typeof v === 'object');
    return ok(items.map((item, i) => ({ key: composite ? String(i) : keyText(item), extra: { item }, ...at(i) })));
  }
  if (value !== null && typeof value === 'object') {
    return ok(Object.entries(value as { readonly [k: string]: Value }).map(([key, item]) => ({ key, extra: { item, key }, ...at(key) })));
  }
  return fail({ kind: 'bad', message: `expected list/dictionary, got ${pyType(value)}` });
}

/** Instances of a `matrix`: the cartesian product of its axes, key `v1-v2` (`axis<i>` for composite values). */
export function matrixInstances(axes: Readonly<Record<string, unknown>>, ctx: Context): Result<Instance[], TemplateError> {
  let combos: { key: string[]; item: Record<string, Value> }[] = [{ key: [], item: {} }];
  for (const [axis, spec] of Object.entries(axes)) {
    const resolved = resolveData(spec, ctx);
    if (!resolved.ok) return resolved;
    if (!Array.isArray(resolved.value)) return fail({ kind: 'bad', message: `expected list for matrix axis '${axis}', got ${pyType(resolved.value)}` });
    const values = resolved.value as readonly Value[];
    const next: typeof combos = [];
    for (const combo of combos) {
      values.forEach((v, i) => {
        const label = v !== null && typeof v === 'object' ? `${axis}${i}` : keyText(v);
        next.push({ key: [...combo.key, label], item: { ...combo.item, [axis]: v } });
      });
    }
    combos = next;
  }
  return ok(combos.map((c) => ({ key: c.key.join('-'), extra: { item: c.item, key: c.key.join('-') } })));
}

/** DVC's to_str for generated-name keys. */
function keyText(v: Value): string {
  return typeof v === 'boolean' ? (v ? 'true' : 'false') : pyStr(v);
}

function pyType(v: Value): string {
  if (v === null) return 'NoneType';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  return Array.isArray(v) ? 'list' : 'dict';
}

/** Interpolates foreach/matrix data recursively (strings and mapping keys), keeping whole-value types. */
function resolveData(spec: unknown, ctx: Context): Result<Value, TemplateError> {
  if (typeof spec === 'string') return interpolate(spec, ctx, undefined);
  if (Array.isArray(spec)) {
    const out: Value[] = [];
    for (const v of spec) {
      const r = resolveData(v, ctx);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return ok(out);
  }
  if (spec !== null && typeof spec === 'object') {
    const out: Record<string, Value> = {};
    for (const [k, v] of Object.entries(spec)) {
      const key = interpolate(k, ctx, undefined);
      if (!key.ok) return key;
      const r = resolveData(v, ctx);
      if (!r.ok) return r;
      out[typeof key.value === 'string' ? key.value : pyStr(key.value)] = r.value;
    }
    return ok(out);
  }
  return ok((spec ?? null) as Value);
}
