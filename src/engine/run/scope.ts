// The target scope of an opened project: where the command runs and which pipeline files exist.
import type { Project } from '../project.js';
import type { TargetScope } from './targets.js';

/** Target scope of `project` (cwd, its default pipeline file, every pipeline file). */
export function scopeOf(project: Project): TargetScope {
  return { cwd: project.cwd, defaultFile: project.defaultFile, files: project.pipelines.map((p) => p.file) };
}
