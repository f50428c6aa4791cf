// foreach/do and matrix expansion (DVC semantics): one definition becomes stages named `name@key`.
import type { Value } from '../stage.js';
import { fail, ok, type Result } from '../result.js';
import { interpolate, type Context, type TemplateError } from './template.js';

/** One generated instance: its name suffix and the extra context (`item`, `key`) it sees. */
export interface Instance {
  readonly key: string;
  readonly extra: Context;
}

/** Instances of `foreach` over a list (key = scalar item or index), a mapping (key = key) or `${var}`. */
export function foreachInstances(spec: unknown, ctx: Context): Result<Instance[], TemplateError> {
  const resolved = resolveCollection(spec, ctx);
  if (!resolved.ok) return resolved;
  const value = resolved.value;
  if (Array.isArray(value)) {
    return ok(
      (value as readonly Value[]).map((item, i) => ({
        key: item !== null && typeof item === 'object' ? String(i) : String(item),
        extra: { item, key: i },
      })),
    );
  }
  if (value !== null && typeof value === 'object') {
    return ok(Object.entries(value as { readonly [k: string]: Value }).map(([key, item]) => ({ key, extra: { item, key } })));
  }
  return fail({ kind: 'bad', message: 'foreach needs a list or a mapping' });
}

/** Instances of a `matrix`: the cartesian product of its axes, key `v1-v2`; `item` maps axis → value. */
export function matrixInstances(axes: Readonly<Record<string, unknown>>, ctx: Context): Result<Instance[], TemplateError> {
  let combos: { key: string[]; item: Record<string, Value> }[] = [{ key: [], item: {} }];
  for (const [axis, spec] of Object.entries(axes)) {
    const resolved = resolveCollection(spec, ctx);
    if (!resolved.ok) return resolved;
    if (!Array.isArray(resolved.value)) return fail({ kind: 'bad', message: `matrix axis '${axis}' needs a list` });
    const values = resolved.value as readonly Value[];
    const next: typeof combos = [];
    for (const combo of combos) {
      values.forEach((v, i) => {
        const label = v !== null && typeof v === 'object' ? `${axis}${i}` : String(v);
        next.push({ key: [...combo.key, label], item: { ...combo.item, [axis]: v } });
      });
    }
    combos = next;
  }
  return ok(combos.map((c) => ({ key: c.key.join('-'), extra: { item: c.item } })));
}

function resolveCollection(spec: unknown, ctx: Context): Result<Value, TemplateError> {
  if (typeof spec === 'string') return interpolate(spec, ctx, false);
  return ok(spec as Value);
}
