// The project config, as DVC's `.dvc/config` + `.dvc/config.local`: `.pipe/config.yaml` (committed) overlaid by
// `.pipe/config.local.yaml` (git-ignored: credentials, machine-specific paths). One YAML mapping of sections
// (`core`, `cache`, `slurm`, `remote.<name>`, …); this module only reads, merges and writes it. Each feature owns
// its section and checks it with its own schema through `configSection`, so a new section needs no edit here.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import type { Failure } from '../failure.js';
import { fail, ok, type Result } from '../result.js';
import { parseYamlSource } from './yaml-source.js';

export const CONFIG_FILE = 'config.yaml';
export const LOCAL_CONFIG_FILE = 'config.local.yaml';

/** The merged config: section name → its raw value (checked by whoever reads the section). */
export type ProjectConfig = Readonly<Record<string, unknown>>;

/** Where a config file of the project lives (`.pipe/config.yaml` or, with `local`, `.pipe/config.local.yaml`). */
export function configPath(root: string, local = false): string {
  return path.join(root, '.pipe', local ? LOCAL_CONFIG_FILE : CONFIG_FILE);
}

/** Reads and merges both config files (either may be missing); a syntax error or a non-mapping is a failure. */
export function readProjectConfig(root: string): Result<ProjectConfig, Failure> {
  let merged: Record<string, unknown> = {};
  for (const local of [false, true]) {
    const file = configPath(root, local);
    if (!existsSync(file)) continue;
    const rel = path.relative(root, file);
    const parsed = parseYamlSource(rel, readFileSync(file, 'utf8'));
    if (!parsed.ok) return parsed;
    const value = parsed.value.value;
    if (value === null || value === undefined) continue;
    if (!isPlainObject(value)) return fail({ reason: 'bad-config', file: rel, message: 'the config must be a mapping of sections' });
    merged = deepMerge(merged, value);
  }
  return ok(merged);
}

/**
 * One section checked with `schema`: `{}` when the section is absent. A bad value is reported as
 * `.pipe/config.yaml: slurm.partition: expected string`.
 */
export function configSection<S extends z.ZodType>(config: ProjectConfig, name: string, schema: S): Result<z.output<S>, Failure> {
  const parsed = schema.safeParse(config[name] ?? {});
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const where = [name, ...(issue?.path ?? []).map(String)].join('.');
  return fail({ reason: 'bad-config', file: path.join('.pipe', CONFIG_FILE), message: `${where}: ${issue?.message ?? 'invalid value'}` });
}

/**
 * Sets (or, with `value === undefined`, removes) the value at `keyPath` in one of the two files, keeping the
 * file's comments and order; written to a temporary name and renamed.
 */
export function setConfigValue(root: string, keyPath: readonly string[], value: unknown, options: { local?: boolean } = {}): Result<void, Failure> {
  const file = configPath(root, options.local === true);
  const rel = path.relative(root, file);
  let doc: Document;
  if (existsSync(file)) {
    doc = parseDocument(readFileSync(file, 'utf8'));
    if (doc.errors[0] !== undefined) return fail({ reason: 'bad-config', file: rel, message: doc.errors[0].message.split('\n')[0] ?? 'YAML syntax error' });
    if (doc.contents !== null && !isMap(doc.contents)) return fail({ reason: 'bad-config', file: rel, message: 'the config must be a mapping of sections' });
  } else {
    doc = parseDocument('{}');
  }
  if (value === undefined) doc.deleteIn(keyPath);
  else doc.setIn(keyPath, value);
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, doc.toString({ lineWidth: 0 }));
  renameSync(tmp, file);
  return ok(undefined);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `over` laid on `base`: mappings merge key by key, anything else replaces. */
function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const prev = out[k];
    out[k] = isPlainObject(prev) && isPlainObject(v) ? deepMerge(prev, v) : v;
  }
  return out;
}
