// `params diff`: tracked params in the workspace against the values recorded in pipeline.lock, or every
// param of the params files against a git revision; plus the values templates read from vars files (DVC's
// tracked vars), compared with the revision (without one, with HEAD as DVC's default: the lock has no record).
import { existsSync, readFileSync } from 'node:fs';
import { flatten, getDotted, parseParamsText, type ParamsData } from '../config/params-files.js';
import type { Failure } from '../failure.js';
import { absPath } from '../paths.js';
import type { Project } from '../project.js';
import { ok, type Result } from '../result.js';
import type { Value } from '../stage.js';
import { diffRows, type DiffRow } from './diff-rows.js';
import { gitShow } from './git.js';

/** Differences between the workspace params and the lock (no `rev`) or a git revision. */
export function paramsDiff(project: Project, rev: string | undefined, all: boolean): Result<DiffRow[], Failure> {
  if (rev === undefined) {
    const vars = varsRows(project, 'HEAD', all, true);
    return ok([...againstLock(project, all), ...(vars.ok ? vars.value : [])].sort(byFileKey));
  }
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
  const vars = varsRows(project, rev, all);
  if (!vars.ok) return vars;
  return ok([...rows, ...vars.value].sort(byFileKey));
}

function byFileKey(a: DiffRow, b: DiffRow): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Rows for values templates read from vars files that are not params files (those are listed whole). */
function varsRows(project: Project, rev: string, all: boolean, lenient = false): Result<DiffRow[], Failure> {
  const rows: DiffRow[] = [];
  const paramsFiles = new Set(project.pipeline.paramsFiles);
  for (const [file, used] of Object.entries(project.pipeline.trackedVars ?? {})) {
    if (paramsFiles.has(file)) continue;
    let old = gitShow(project.root, rev, file);
    if (!old.ok && lenient) old = ok(undefined); // no commit (or no git) yet: nothing to compare with
    if (!old.ok) return old;
    const before = old.value === undefined ? ok({}) : parseParamsText(file, old.value);
    if (!before.ok) return before;
    const pick = (data: ParamsData): Record<string, Value> => {
      const out: Record<string, Value> = {};
      for (const key of Object.keys(used)) {
        const v = getDotted(data, key);
        if (v !== undefined) out[key] = v;
      }
      return out;
    };
    const abs = absPath(project.root, file);
    const after = existsSync(abs) ? parseParamsText(file, readFileSync(abs, 'utf8')) : ok({});
    if (!after.ok) return after;
    rows.push(...diffRows(file, flatten(pick(before.value)), flatten(pick(after.value)), all));
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
