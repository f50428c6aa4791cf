// `metrics show|diff`: metrics files (JSON/YAML/TOML) flattened to dotted keys as DVC extracts them (numbers,
// strings and booleans; a file holding one bare number is the metric ''); the old side of a diff comes from the
// cache object recorded in pipeline.lock, or from a git revision.
import { existsSync, readFileSync } from 'node:fs';
import { parseDataText } from '../config/params-files.js';
import type { Failure } from '../failure.js';
import { absPath } from '../paths.js';
import type { Project } from '../project.js';
import { ok, type Result } from '../result.js';
import type { Value } from '../stage.js';
import { diffRows, type DiffRow } from './diff-rows.js';
import { gitShow } from './git.js';

/** Flattened values of every metrics file in the workspace (missing files are skipped). */
export function metricsShow(project: Project): Result<Record<string, Record<string, Value>>, Failure> {
  const out: Record<string, Record<string, Value>> = {};
  for (const file of project.pipeline.metricsFiles) {
    const abs = absPath(project.root, file);
    if (!existsSync(abs)) continue;
    const parsed = parseDataText(file, readFileSync(abs, 'utf8'));
    if (!parsed.ok) return parsed;
    out[file] = extractMetrics(parsed.value);
  }
  return ok(out);
}

/** Workspace metrics against the lock's recorded version (no `rev`) or a git revision. */
export function metricsDiff(project: Project, rev: string | undefined, all: boolean): Result<DiffRow[], Failure> {
  const now = metricsShow(project);
  if (!now.ok) return now;
  const rows: DiffRow[] = [];
  for (const file of project.pipeline.metricsFiles) {
    const oldText = rev === undefined ? fromLock(project, file) : gitShow(project.root, rev, file);
    if (!oldText.ok) return oldText;
    const before = oldText.value === undefined ? ok(null) : parseDataText(file, oldText.value);
    if (!before.ok) return before;
    rows.push(...diffRows(file, extractMetrics(before.value), now.value[file] ?? {}, all));
  }
  return ok(rows);
}

function fromLock(project: Project, file: string): Result<string | undefined, Failure> {
  for (const entry of Object.values(project.lock.stages)) {
    const out = entry.outs.find((o) => o.path === file);
    if (out === undefined || out.nfiles !== undefined) continue;
    const obj = project.cache.objectPath(out.hash);
    return ok(existsSync(obj) ? readFileSync(obj, 'utf8') : undefined);
  }
  return ok(undefined);
}

/** DVC's _extract_metrics, flattened: scalars kept (a bare one under ''), lists and nulls dropped. */
export function extractMetrics(data: Value, prefix = '', out: Record<string, Value> = {}): Record<string, Value> {
  if (data === null || Array.isArray(data)) return out;
  if (typeof data !== 'object') {
    out[prefix] = data;
    return out;
  }
  for (const [k, v] of Object.entries(data as { readonly [k: string]: Value })) extractMetrics(v, prefix === '' ? k : `${prefix}.${k}`, out);
  return out;
}
