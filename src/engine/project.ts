// A project: its root (found upward from cwd, see findRoot), every pipeline file in it with the stages resolved,
// one graph over all of them, their locks, the state cache and the one object cache at the root.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { collectPipelines, hasProjectConfig, PIPELINE_NAME } from './config/collect-pipelines.js';
import type { Failure } from './failure.js';
import { buildGraph, type Graph } from './graph.js';
import { MeasureMemo } from './hash/measure-memo.js';
import { StateCache } from './hash/state-cache.js';
import { fail, ok, type Result } from './result.js';
import type { Pipeline, Value } from './stage.js';
import type { LockFile } from './store/lock-types.js';
import { CACHE_DIR, ObjectCache } from './store/object-cache.js';
import { readProjectLock } from './store/project-lock.js';

export const PIPELINE_FILE = PIPELINE_NAME;
export const PIPE_DIR = '.pipe';

export interface Project {
  readonly root: string;
  readonly pipeDir: string;
  /** Root-relative POSIX directory the command was started in ('.' at the root). */
  readonly cwd: string;
  /** Root-relative pipeline file a target-less `repro` runs: the nearest at or above cwd (DVC: cwd's dvc.yaml). */
  readonly defaultFile: string | undefined;
  /** Every pipeline file of the project, the root's first. */
  readonly pipelines: readonly Pipeline[];
  /** All pipelines as one: every stage, params and metrics file. */
  readonly pipeline: Pipeline;
  readonly graph: Graph;
  readonly lock: LockFile;
  readonly state: StateCache;
  readonly cache: ObjectCache;
  /** Measurements taken during this command (see hash/measure-memo.ts). */
  readonly memo: MeasureMemo;
}

/**
 * The project root around `cwd` (DVC: the nearest ancestor holding `.dvc/`): the nearest directory at or above
 * it holding a project config (`.pipe/config.yaml` or `.pipe/config.local.yaml`); without one, the top of the
 * git work tree holding it (the nearest `.git`); without either, the nearest directory holding pipeline.yaml.
 */
export function findRoot(cwd: string): string | undefined {
  const start = path.resolve(cwd);
  return nearest(start, hasProjectConfig) ?? nearest(start, (d) => existsSync(path.join(d, '.git'))) ?? nearest(start, (d) => existsSync(path.join(d, PIPELINE_FILE)));
}

function nearest(start: string, holds: (dir: string) => boolean): string | undefined {
  let dir = start;
  for (;;) {
    if (holds(dir)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Opens the project around `cwd`: loads and validates every pipeline, builds the graph, reads the locks. */
export async function openProject(cwd: string): Promise<Result<Project, Failure>> {
  const root = findRoot(cwd);
  if (root === undefined) return fail({ reason: 'no-pipeline', cwd });
  const pipeDir = path.join(root, PIPE_DIR);
  const pipelines = await collectPipelines(root, pipeDir, CACHE_DIR);
  if (!pipelines.ok) return pipelines;
  if (pipelines.value.length === 0) return fail({ reason: 'no-pipeline', cwd });
  const rel = path.relative(root, path.resolve(cwd)).split(path.sep).join('/') || '.';
  const files = pipelines.value.map((p) => p.file);
  const pipeline = mergePipelines(root, pipelines.value);
  const graph = buildGraph(pipeline.stages);
  if (!graph.ok) return graph;
  const lock = await readProjectLock(root, pipeDir, files);
  if (!lock.ok) return lock;
  const state = StateCache.load(pipeDir);
  return ok({
    root,
    pipeDir,
    cwd: rel,
    defaultFile: defaultFileOf(rel, files),
    pipelines: pipelines.value,
    pipeline,
    graph: graph.value,
    lock: lock.value,
    state,
    cache: new ObjectCache(root, state),
    memo: new MeasureMemo(),
  });
}

/** The nearest pipeline file at or above root-relative `cwd`. */
function defaultFileOf(cwd: string, files: readonly string[]): string | undefined {
  let dir = cwd;
  for (;;) {
    const file = dir === '.' ? PIPELINE_FILE : `${dir}/${PIPELINE_FILE}`;
    if (files.includes(file)) return file;
    if (dir === '.' || dir.startsWith('..')) return undefined;
    dir = path.posix.dirname(dir);
  }
}

function mergePipelines(root: string, pipelines: readonly Pipeline[]): Pipeline {
  if (pipelines.length === 1 && pipelines[0] !== undefined) return pipelines[0];
  const union = (pick: (p: Pipeline) => readonly string[]): string[] => [...new Set(pipelines.flatMap(pick))].sort();
  return {
    root,
    file: pipelines[0]?.file ?? PIPELINE_FILE,
    stages: pipelines.flatMap((p) => p.stages),
    paramsFiles: union((p) => p.paramsFiles),
    metricsFiles: union((p) => p.metricsFiles),
    inputs: union((p) => p.inputs),
    warnings: pipelines.flatMap((p) => p.warnings ?? []),
    trackedVars: mergeTracked(pipelines),
  };
}

function mergeTracked(pipelines: readonly Pipeline[]): Record<string, Record<string, Value>> {
  const out: Record<string, Record<string, Value>> = {};
  for (const p of pipelines) for (const [file, vars] of Object.entries(p.trackedVars ?? {})) Object.assign((out[file] ??= {}), vars);
  return out;
}

/** The same project with lock, state and memo re-read from disk (after waiting for another repro). */
export async function refreshProject(project: Project): Promise<Result<Project, Failure>> {
  const lock = await readProjectLock(project.root, project.pipeDir, project.pipelines.map((p) => p.file));
  if (!lock.ok) return lock;
  const state = StateCache.load(project.pipeDir);
  return ok({ ...project, lock: lock.value, state, cache: new ObjectCache(project.root, state), memo: new MeasureMemo() });
}
