// `status`: every changed stage with its reasons, checked against the lock without running anything.
import type { Failure } from '../failure.js';
import type { Project } from '../project.js';
import { ok, type Result } from '../result.js';
import { checkStage } from './check-stage.js';
import { scopeOf } from './scope.js';
import { topoOrder } from './plan.js';
import { resolveTargets } from './targets.js';
import type { Reason } from './reasons.js';

export interface StageStatus {
  readonly stage: string;
  readonly reasons: readonly Reason[];
}

/** Changed stages (every pipeline's, as DVC's status, or the targets') in graph order. */
export function status(project: Project, targets: readonly string[]): Result<StageStatus[], Failure> {
  const names = resolveTargets(project.graph, targets, scopeOf(project));
  if (!names.ok) return names;
  const selected = new Set(names.value.length === 0 ? project.graph.byName.keys() : names.value);
  const changed: StageStatus[] = [];
  for (const name of topoOrder(project.graph, selected)) {
    const stage = project.graph.byName.get(name);
    if (stage === undefined) continue;
    const { reasons } = checkStage(stage, project.lock.stages[name], project);
    if (reasons.length > 0) changed.push({ stage: name, reasons });
  }
  project.state.save();
  return ok(changed);
}
