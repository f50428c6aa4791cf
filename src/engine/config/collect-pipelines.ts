// Collects a project's pipeline files as DVC's index does (dvc/repo/index.py collect_files): a top-down walk
// from the root loading every `pipeline.yaml`, not descending into what the stages loaded so far declare as
// outputs (nor, to keep a no-op fast, as dependencies), hidden directories, node_modules, the cache, or a
// nested project (a directory with its own .pipe/config.yaml, DVC's subrepo).
import { existsSync, readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type { Failure } from '../failure.js';
import { absPath, isInsideOrEqual } from '../paths.js';
import { ok, type Result } from '../result.js';
import type { Pipeline } from '../stage.js';
import { loadPipelineCached } from './pipeline-cache.js';

/** The name of a pipeline file (DVC's dvc.yaml). */
export const PIPELINE_NAME = 'pipeline.yaml';

/** True when root-relative `dir` holds a project config (`.pipe/config.yaml` or `.pipe/config.local.yaml`). */
export function hasProjectConfig(absDir: string): boolean {
  return existsSync(path.join(absDir, '.pipe', 'config.yaml')) || existsSync(path.join(absDir, '.pipe', 'config.local.yaml'));
}

/** Every pipeline of the project at `root`, the root's first, then in walk order. */
export async function collectPipelines(root: string, pipeDir: string, cacheDirName: string): Promise<Result<Pipeline[], Failure>> {
  const pipelines: Pipeline[] = [];
  const skip: string[] = [];
  const stack = ['.'];
  while (stack.length > 0) {
    const dir = stack.pop() ?? '.';
    if (skip.some((s) => isInsideOrEqual(dir, s))) continue;
    let entries: Dirent[];
    try {
      entries = readdirSync(absPath(root, dir), { withFileTypes: true });
    } catch {
      continue;
    }
    if (dir !== '.' && entries.some((e) => e.name === '.pipe') && hasProjectConfig(absPath(root, dir))) continue;
    if (entries.some((e) => e.name === PIPELINE_NAME && (e.isFile() || e.isSymbolicLink()))) {
      const file = dir === '.' ? PIPELINE_NAME : `${dir}/${PIPELINE_NAME}`;
      const loaded = await loadPipelineCached(root, file, pipeDir);
      if (!loaded.ok) return loaded;
      pipelines.push(loaded.value);
      for (const s of loaded.value.stages) skip.push(...s.outs.map((o) => o.path), ...s.deps.filter((d) => !d.startsWith('/')));
    }
    const subdirs = entries
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules' && !(dir === '.' && e.name === cacheDirName))
      .map((e) => (dir === '.' ? e.name : `${dir}/${e.name}`))
      .sort()
      .reverse(); // popped in name order
    stack.push(...subdirs);
  }
  return ok(pipelines);
}
