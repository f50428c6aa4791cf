// Reads params (and metrics) files once per load, by extension as DVC does (dvc/utils/serialize): `.json`,
// `.toml`, `.py` (Python literals), anything else YAML; and looks up dotted keys in them.
import { existsSync, readFileSync } from 'node:fs';
import type { Failure } from '../failure.js';
import { absPath } from '../paths.js';
import { fail, ok, type Result } from '../result.js';
import type { Value } from '../stage.js';
import { parse as parseToml } from 'smol-toml';
import { parsePyParams } from './py-params.js';
import { parseYamlSource } from './yaml-source.js';

export type ParamsData = { readonly [key: string]: Value };

/** Memoising reader of params files under one project root (each file parsed once per load). */
export class ParamsFiles {
  readonly #cache = new Map<string, Result<ParamsData | undefined, Failure>>();
  constructor(private readonly root: string) {}

  /** The parsed file (undefined when it does not exist), or its syntax failure. */
  read(rel: string): Result<ParamsData | undefined, Failure> {
    let entry = this.#cache.get(rel);
    if (entry === undefined) {
      entry = readParamsFile(this.root, rel);
      this.#cache.set(rel, entry);
    }
    return entry;
  }

  /** Root-relative names of every file read so far. */
  files(): string[] {
    return [...this.#cache.keys()];
  }
}

/** Parses one params file from text; a non-mapping document counts as empty. */
export function parseParamsText(rel: string, text: string): Result<ParamsData, Failure> {
  const data = parseDataText(rel, text);
  return data.ok ? ok(asMapping(data.value)) : data;
}

/** Parses a params or metrics file by its extension, keeping a bare value (a metrics file holding `0.93`). */
export function parseDataText(rel: string, text: string): Result<Value, Failure> {
  const ext = rel.slice(rel.lastIndexOf('.')).toLowerCase();
  const syntax = (message: string, line = 1, col = 1): Result<Value, Failure> => fail({ reason: 'yaml-syntax', pos: { file: rel, line, col }, message });
  if (ext === '.json') {
    try {
      return ok(toValue(JSON.parse(text) as unknown));
    } catch (error) {
      return syntax(error instanceof Error ? error.message : String(error));
    }
  }
  if (ext === '.toml') {
    try {
      return ok(toValue(parseToml(text)));
    } catch (error) {
      const e = error as { line?: number; column?: number; message?: string };
      return syntax((e.message ?? String(error)).split('\n')[0] ?? 'TOML syntax error', e.line ?? 1, e.column ?? 1);
    }
  }
  if (ext === '.py') {
    const py = parsePyParams(text);
    return py.ok ? ok(py.value) : syntax(py.message, py.line);
  }
  const parsed = parseYamlSource(rel, text);
  if (!parsed.ok) return parsed;
  return ok(toValue(parsed.value.value));
}

function readParamsFile(root: string, rel: string): Result<ParamsData | undefined, Failure> {
  const abs = absPath(root, rel);
  if (!existsSync(abs)) return ok(undefined);
  return parseParamsText(rel, readFileSync(abs, 'utf8'));
}

/** The boundary from parsed YAML/JSON to typed values: a mapping at the top, JSON-like values below. */
function asMapping(v: unknown): ParamsData {
  const value = toValue(v);
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as ParamsData) : {};
}

/** Converts parsed data to a Value (dates and other non-JSON scalars become strings). */
export function toValue(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(toValue);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    const out: Record<string, Value> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toValue(x);
    return out;
  }
  return String(v);
}

/** Value at dotted `key` (`train.lr`), undefined when absent. */
export function getDotted(data: ParamsData, key: string): Value | undefined {
  if (Object.hasOwn(data, key)) return data[key];
  let cur: Value | undefined = data;
  for (const part of key.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    const map: { readonly [k: string]: Value } = cur as { readonly [k: string]: Value };
    cur = Object.hasOwn(map, part) ? map[part] : undefined;
  }
  return cur;
}

/** Flattens nested mappings to dotted keys (lists and scalars are leaves). */
export function flatten(data: Value, prefix = '', out: Record<string, Value> = {}): Record<string, Value> {
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    for (const [k, v] of Object.entries(data as { readonly [k: string]: Value })) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix !== '') out[prefix] = data;
  return out;
}
