// Turns a validated, interpolated stage body into a Stage: root-relative paths, params with their values,
// outputs with their flags.
import type { Failure } from '../failure.js';
import { toDepPath, toRootRelative } from '../paths.js';
import { toResources } from '../resources.js';
import { fail, ok, type Result } from '../result.js';
import type { OutKind, OutSpec, ParamSpec, Stage, Value } from '../stage.js';
import { getDotted, type ParamsFiles } from './params-files.js';
import { findReservedOutput } from './reserved-outputs.js';
import type { RawStage } from './schema.js';
import { positionOf, type YamlPath, type YamlSource } from './yaml-source.js';

const DEFAULT_PARAMS = 'params.yaml';

/** Identity of a stage being built: its (qualified) name, group, pipeline file and that file's directory. */
export interface StageIdentity {
  readonly name: string;
  readonly group: string | undefined;
  readonly pipelineFile: string;
  /** Root-relative directory of the pipeline file: the default wdir, base of a relative wdir. */
  readonly dir: string;
}

/** Builds the typed stage `id.name` from `raw` (found at `at` in `src`). */
export function normaliseStage(
  root: string,
  id: StageIdentity,
  raw: RawStage,
  params: ParamsFiles,
  src: YamlSource,
  at: YamlPath,
): Result<Stage, Failure> {
  const { name, group } = id;
  const pos = positionOf(src, at, true);
  const wdir = toRootRelative(root, id.dir, raw.wdir ?? '.');
  if (wdir === undefined) return fail({ reason: 'bad-path', pos: positionOf(src, [...at, 'wdir']), path: raw.wdir ?? '', stage: name });
  const deps: string[] = [];
  for (const d of raw.deps ?? []) {
    const rel = toDepPath(root, wdir, d); // a dep may lie outside the project (external data), outputs may not
    if (!deps.includes(rel)) deps.push(rel);
  }
  const outs: OutSpec[] = [];
  for (const kind of ['outs', 'metrics', 'plots'] as const) {
    const r = normaliseOuts(root, wdir, raw[kind] ?? [], kindOf(kind), outs);
    if (r !== undefined) return fail({ reason: 'bad-path', pos: positionOf(src, [...at, kind, r.index]), path: r.path, stage: name });
  }
  const tracked = normaliseParams(root, wdir, raw.params ?? [], params, src, [...at, 'params'], name);
  if (!tracked.ok) return tracked;
  const reserved = findReservedOutput(root, wdir, raw, [src.file, ...Object.keys(tracked.value.values)]);
  if (reserved !== undefined) return fail({ reason: 'reserved-output', pos: positionOf(src, [...at, reserved.key, reserved.index]), path: reserved.path, stage: name, reserved: reserved.reserved });
  // DVC runs a string cmd line by line (dvc/stage/run.py _enforce_cmd_list: cmd.splitlines()), stopping at the
  // first failing line; blank lines would run as empty commands and are dropped
  const cmd = typeof raw.cmd === 'string' ? raw.cmd.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '') : raw.cmd;
  return ok({
    name,
    pipelineFile: id.pipelineFile,
    group,
    cmd,
    wdir,
    deps,
    params: tracked.value.specs,
    paramValues: tracked.value.values,
    outs,
    frozen: raw.frozen ?? false,
    alwaysChanged: raw.always_changed ?? false,
    desc: raw.desc,
    pos,
    ...(raw.resources === undefined ? {} : { resources: toResources(raw.resources) }),
    ...(raw.executor === undefined ? {} : { executor: raw.executor }),
  });
}

function kindOf(key: 'outs' | 'metrics' | 'plots'): OutKind {
  return key === 'outs' ? 'out' : key === 'metrics' ? 'metric' : 'plot';
}

function normaliseOuts(
  root: string,
  wdir: string,
  entries: readonly (string | Record<string, OutFlags | null | readonly OutFlags[]>)[],
  kind: OutKind,
  into: OutSpec[],
): { index: number; path: string } | undefined {
  for (const [index, entry] of entries.entries()) {
    const pairs = typeof entry === 'string' ? [[entry, null] as const] : Object.entries(entry);
    for (const [p, given] of pairs) {
      const flags = Array.isArray(given) ? given[0] : given; // a plot's list of property sets: flags from the first
      const rel = toRootRelative(root, wdir, p);
      if (rel === undefined || rel === '.') return { index, path: p };
      const spec: OutSpec = { path: rel, kind, cache: flags?.cache ?? true, persist: flags?.persist ?? false };
      into.push(flags?.desc === undefined ? spec : { ...spec, desc: flags.desc });
    }
  }
  return undefined;
}

type OutFlags = { cache?: boolean | undefined; persist?: boolean | undefined; desc?: string | undefined };

type Tracked = { specs: ParamSpec[]; values: Record<string, Record<string, Value>> };

function normaliseParams(
  root: string,
  wdir: string,
  entries: readonly (string | Record<string, string[] | null>)[],
  params: ParamsFiles,
  src: YamlSource,
  at: YamlPath,
  stage: string,
): Result<Tracked, Failure> {
  const tracked: Tracked = { specs: [], values: {} };
  for (const [i, entry] of entries.entries()) {
    const scopes: [string, string[] | null][] = typeof entry === 'string' ? [[DEFAULT_PARAMS, [entry]]] : Object.entries(entry);
    for (const [file, keys] of scopes) {
      const rel = toRootRelative(root, wdir, file);
      if (rel === undefined) return fail({ reason: 'bad-path', pos: positionOf(src, [...at, i]), path: file, stage });
      const data = params.read(rel);
      if (!data.ok) return data;
      if (data.value === undefined) return fail({ reason: 'missing-params-file', pos: positionOf(src, [...at, i]), file: rel, stage });
      const values = (tracked.values[rel] ??= {});
      if (keys === null) {
        tracked.specs.push({ file: rel, key: null });
        Object.assign(values, data.value);
        continue;
      }
      for (const key of keys) {
        const v = getDotted(data.value, key);
        if (v === undefined) return fail({ reason: 'missing-param', pos: positionOf(src, [...at, i]), file: rel, key, stage });
        tracked.specs.push({ file: rel, key });
        values[key] = v;
      }
    }
  }
  return ok(tracked);
}
