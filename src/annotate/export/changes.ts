// What the people changed against the suggestions, counted over the exported decisions: kept as suggested,
// relabelled (with a from → to table), boundaries moved, split, deleted, added, uncertain, still pending,
// conflicts left unresolved.
import type { AnnotationState } from '../item-state.js';

/** Boundaries closer than this count as unchanged (seconds). */
const BOUNDARY_TOLERANCE_S = 0.001;

export interface ChangeCounts {
  n_items: number;
  unchanged: number;
  relabelled: number;
  boundaries_adjusted: number;
  split: number;
  deleted: number;
  added: number;
  uncertain: number;
  pending: number;
  unresolved_conflicts: number;
  resolved_by_reviewer: number;
  relabel_matrix: Record<string, Record<string, number>>;
}

/** Counts the final decisions against the original suggestions. */
export function changesOf(state: AnnotationState): ChangeCounts {
  const c: ChangeCounts = { n_items: 0, unchanged: 0, relabelled: 0, boundaries_adjusted: 0, split: 0, deleted: 0, added: 0, uncertain: 0, pending: 0, unresolved_conflicts: 0, resolved_by_reviewer: 0, relabel_matrix: {} };
  for (const item of state.order) {
    c.n_items++;
    const final = state.final(item);
    if (final === undefined) {
      if (state.conflict(item)) c.unresolved_conflicts++;
      else c.pending++;
      continue;
    }
    if (final.role === 'reviewer') c.resolved_by_reviewer++;
    const s = item.suggestion;
    if (item.addedBy !== undefined) {
      if (final.status !== 'deleted') c.added++;
      continue;
    }
    if (final.status === 'deleted') c.deleted++;
    else if (final.status === 'uncertain') c.uncertain++;
    else if (final.regions.length > 1) c.split++;
    else {
      const r = final.regions[0];
      if (r === undefined) continue;
      const relabelled = r.label !== s.label;
      const moved = Math.abs(r.start - s.startS) > BOUNDARY_TOLERANCE_S || Math.abs(r.end - s.endS) > BOUNDARY_TOLERANCE_S;
      if (relabelled) {
        c.relabelled++;
        const row = (c.relabel_matrix[s.label] ??= {});
        row[r.label] = (row[r.label] ?? 0) + 1;
      }
      if (moved) c.boundaries_adjusted++;
      if (!relabelled && !moved) c.unchanged++;
    }
  }
  return c;
}
