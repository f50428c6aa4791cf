// Reading feature-set parameters (params.yaml scalars or `--param key=value` strings) into typed values.
import type { FeatureParams } from './types.js';

/** One parameter's description: how to read it, its default, and what values it accepts. */
export interface ParamSpec<T> {
  readonly parse: (raw: string | number | boolean, key: string) => T;
}

/** A positive (or ≥ min) integer; strings of digits are accepted, as from the command line. */
export function intParam(min = 1): ParamSpec<number> {
  return {
    parse(raw, key) {
      const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
        throw new RangeError(`param ${key}: expected an integer ≥ ${min}, got ${JSON.stringify(raw)}`);
      }
      return value;
    },
  };
}

/** A finite number ≥ min; 'none'/'null' gives null when `nullable`. */
export function numberParam(min: number, nullable: true): ParamSpec<number | null>;
export function numberParam(min: number, nullable?: false): ParamSpec<number>;
export function numberParam(min: number, nullable = false): ParamSpec<number | null> {
  return {
    parse(raw, key) {
      if (nullable && typeof raw === 'string' && ['none', 'null'].includes(raw.trim().toLowerCase())) return null;
      const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
      if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
        throw new RangeError(`param ${key}: expected a number ≥ ${min}${nullable ? " or 'none'" : ''}, got ${JSON.stringify(raw)}`);
      }
      return value;
    },
  };
}

/** One of a fixed list of strings. */
export function choiceParam<T extends string>(choices: readonly T[]): ParamSpec<T> {
  return {
    parse(raw, key) {
      if (typeof raw !== 'string' || !(choices as readonly string[]).includes(raw)) {
        throw new RangeError(`param ${key}: expected one of ${choices.join(', ')}, got ${JSON.stringify(raw)}`);
      }
      return raw as T;
    },
  };
}

type Parsed<S> = { [K in keyof S]: S[K] extends ParamSpec<infer T> ? T | undefined : never };

/** Parses params against specs; throws RangeError naming an unknown key (listing the known ones) or a bad value. */
export function parseParams<S extends Record<string, ParamSpec<unknown>>>(setName: string, specs: S, params: FeatureParams): Parsed<S> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(params)) {
    const spec = specs[key];
    if (spec === undefined) throw new RangeError(`${setName}: unknown param '${key}' (known: ${Object.keys(specs).join(', ')})`);
    out[key] = spec.parse(raw, key);
  }
  return out as Parsed<S>;
}

/** Reads `key=value` pairs (as given to `--param`) into scalars: numbers and true/false are converted. */
export function parseParamAssignments(assignments: readonly string[]): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const assignment of assignments) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) throw new RangeError(`--param ${assignment}: expected key=value`);
    const key = assignment.slice(0, eq).trim();
    const value = assignment.slice(eq + 1).trim();
    if (value === 'true' || value === 'false') out[key] = value === 'true';
    else if (value !== '' && Number.isFinite(Number(value))) out[key] = Number(value);
    else out[key] = value;
  }
  return out;
}
