// A project: the directory holding pipeline.yaml (found upward from cwd), its resolved pipeline and graph,
// its lock, state cache and object cache.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadPipelineCached } from './config/pipeline-cache.js';
import type { Failure } from './failure.js';
import { buildGraph, type Graph } from './graph.js';
import { MeasureMemo } from './hash/measure-memo.js';
import { StateCache } from './hash/state-cache.js';
import { fail, ok, type Result } from './result.js';
import type { Pipeline } from './stage.js';
import { readLock } from './store/lock-file.js';
import type { LockFile } from './store/lock-types.js';
import { ObjectCache } from './store/object-cache.js';

export const PIPELINE_FILE = 'pipeline.yaml';
export const PIPE_DIR = '.pipe';

export interface Project {
  readonly root: string;
  readonly pipeDir: string;
  readonly pipeline: Pipeline;
  readonly graph: Graph;
  readonly lock: LockFile;
  readonly state: StateCache;
  readonly cache: ObjectCache;
  /** Measurements taken during this command (see hash/measure-memo.ts). */
  readonly memo: MeasureMemo;
}

/** The nearest directory at or above `cwd` holding pipeline.yaml. */
export function findRoot(cwd: string): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    if (existsSync(path.join(dir, PIPELINE_FILE))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Opens the project around `cwd`: loads and validates the pipeline, builds the graph, reads the lock. */
export async function openProject(cwd: string): Promise<Result<Project, Failure>> {
  const root = findRoot(cwd);
  if (root === undefined) return fail({ reason: 'no-pipeline', cwd });
  const pipeDir = path.join(root, PIPE_DIR);
  const pipeline = await loadPipelineCached(root, PIPELINE_FILE, pipeDir);
  if (!pipeline.ok) return pipeline;
  const graph = buildGraph(pipeline.value.stages);
  if (!graph.ok) return graph;
  const lock = await readLock(root, pipeDir);
  if (!lock.ok) return lock;
  const state = StateCache.load(pipeDir);
  return ok({ root, pipeDir, pipeline: pipeline.value, graph: graph.value, lock: lock.value, state, cache: new ObjectCache(root, state), memo: new MeasureMemo() });
}

/** The same project with lock, state and memo re-read from disk (after waiting for another repro). */
export async function refreshProject(project: Project): Promise<Result<Project, Failure>> {
  const lock = await readLock(project.root, project.pipeDir);
  if (!lock.ok) return lock;
  const state = StateCache.load(project.pipeDir);
  return ok({ ...project, lock: lock.value, state, cache: new ObjectCache(project.root, state), memo: new MeasureMemo() });
}
