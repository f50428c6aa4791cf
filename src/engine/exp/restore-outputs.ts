// After `exp apply` wrote an experiment's pipeline.lock: puts every cached output the lock records back into the
// workspace from the content-addressed cache (verified, temp name + rename), so nothing reruns. Outputs with
// `cache: false` are not in the cache; `exp apply` writes them from the experiment's commit instead.
import { existsSync } from 'node:fs';
import type { Project } from '../project.js';

/** Restores the lock's cached outputs; returns the paths restored and those whose objects are missing. */
export function restoreLockOutputs(project: Project): { restored: string[]; missing: string[] } {
  const restored: string[] = [];
  const missing: string[] = [];
  for (const stage of project.graph.stages) {
    const entry = project.lock.stages[stage.name];
    if (entry === undefined) continue;
    for (const out of entry.outs) {
      const spec = stage.outs.find((o) => o.path === out.path);
      if (spec === undefined || !spec.cache) continue;
      if (!existsSync(project.cache.objectPath(out.hash, out.nfiles !== undefined))) {
        missing.push(out.path);
        continue;
      }
      project.cache.restore(out, !spec.persist);
      restored.push(out.path);
    }
  }
  project.state.save();
  return { restored, missing };
}
