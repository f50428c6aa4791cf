// The queue one person works through: items in confidence order (lowest first), filtered by class, confidence
// range, recording and the person's own status, one page at a time; and progress per class.
import type { AnnotationState, Item } from './item-state.js';

export const STATUS_FILTERS = ['todo', 'done', 'skipped', 'uncertain', 'conflict', 'all'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export interface QueueFilter {
  readonly status: StatusFilter;
  readonly label?: string;
  readonly minProbability?: number;
  readonly maxProbability?: number;
  readonly recording?: string;
}

export interface Progress {
  readonly total: number;
  readonly done: number;
  /** Per suggested class: done / total. */
  readonly perClass: Record<string, { done: number; total: number }>;
  readonly conflicts: number;
}

/** Whether `item` passes the filter for `annotator` (a reviewer sees items added by anyone). */
export function matches(state: AnnotationState, item: Item, annotator: string, seesAll: boolean, f: QueueFilter): boolean {
  const s = item.suggestion;
  if (item.addedBy !== undefined && item.addedBy !== annotator && !seesAll) return false;
  if (f.label !== undefined && s.label !== f.label) return false;
  if (f.recording !== undefined && s.audioFile !== f.recording) return false;
  if (f.minProbability !== undefined && (s.probability === null || s.probability < f.minProbability)) return false;
  if (f.maxProbability !== undefined && (s.probability === null || s.probability > f.maxProbability)) return false;
  const mine = item.versions.get(annotator);
  switch (f.status) {
    case 'todo':
      return mine === undefined;
    case 'done':
      return mine !== undefined && mine.status !== 'skipped';
    case 'skipped':
    case 'uncertain':
      return mine?.status === f.status;
    case 'conflict':
      return state.conflict(item);
    case 'all':
      return true;
  }
}

/** One page of the filtered queue and the filtered count. */
export function queuePage(state: AnnotationState, annotator: string, seesAll: boolean, f: QueueFilter, offset: number, limit: number): { total: number; items: Item[] } {
  const items: Item[] = [];
  let total = 0;
  for (const item of state.order) {
    if (!matches(state, item, annotator, seesAll, f)) continue;
    if (total >= offset && items.length < limit) items.push(item);
    total++;
  }
  return { total, items };
}

/** Done / total overall and per suggested class, for one annotator (skipped items are not done). */
export function progressOf(state: AnnotationState, annotator: string): Progress {
  const perClass: Record<string, { done: number; total: number }> = {};
  let total = 0;
  let done = 0;
  let conflicts = 0;
  for (const item of state.order) {
    if (item.addedBy !== undefined) continue;
    const c = (perClass[item.suggestion.label] ??= { done: 0, total: 0 });
    c.total++;
    total++;
    const mine = item.versions.get(annotator);
    if (mine !== undefined && mine.status !== 'skipped') {
      c.done++;
      done++;
    }
    if (state.conflict(item)) conflicts++;
  }
  return { total, done, perClass, conflicts };
}
