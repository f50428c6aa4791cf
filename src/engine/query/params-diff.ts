// `params diff`: tracked params in the workspace against the values recorded in pipeline.lock, or every
// param of the params files against a git revision.
import { existsSync, readFileSync } from 'node:fs';
import { flatten, parseParamsText } from '../config/params-files.js';
import type { Failure } from '../failure.js';
import { absPath } from '../paths.js';
import type { Project } from '../project.js';
import { ok, type Result } from '../result.js';
import type { Value } from '../stage.js';
import { diffRows, type DiffRow } from './diff-rows.js';
import { gitShow } from './git.js';

/** Differences between the workspace params and the lock (no `rev`) or a git revision. */
export function paramsDiff(project: Project, rev: string | undefined, all: boolean): Result<DiffRow[], Failure> {
  if (rev === undefined) return ok(againstLock(project, all));
  const rows: DiffRow[] = [];
  for (const file of project.pipeline.paramsFiles) {
    const old = gitShow(project.root, rev, file);
    if (!old.ok) return old;
    const before = old.value === undefined ? ok({}) : parseParamsText(file, old.value);
    if (!before.ok) return before;
    const abs = absPath(project.root, file);
    const after = existsSync(abs) ? parseParamsText(file, readFileSync(abs, 'utf8')) : ok({});
    if (!after.ok) return after;
    rows.push(...diffRows(file, flatten(before.value), flatten(after.value), all));
  }
  return ok(rows);
}

function againstLock(project: Project, all: boolean): DiffRow[] {
  const before = new Map<string, Record<string, Value>>();
  const after = new Map<string, Record<string, Value>>();
  for (const stage of project.graph.stages) {
    for (const [file, values] of Object.entries(stage.paramValues)) Object.assign(getOr(after, file), values);
    const entry = project.lock.stages[stage.name];
    for (const [file, values] of Object.entries(entry?.params ?? {})) Object.assign(getOr(before, file), values);
  }
  const files = [...new Set([...before.keys(), ...after.keys()])].sort();
  return files.flatMap((f) => diffRows(f, before.get(f) ?? {}, after.get(f) ?? {}, all));
}

function getOr(map: Map<string, Record<string, Value>>, key: string): Record<string, Value> {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = {}));
  return v;
}
