// The state of every item, folded from the log: each annotator's version (their last deciding action not
// undone), the reviewer's resolution, comments, and whether annotators disagree. Conflicting versions are all
// kept; the export takes the reviewer's resolution, or the versions' common decision when they agree.
import { DECIDING, type LogEvent, type Region, type Role } from './log-event.js';
import type { Suggestion } from './suggestion.js';

export type Status = 'accepted' | 'corrected' | 'deleted' | 'skipped' | 'uncertain' | 'added';

/** One annotator's (or the reviewer's) decision on one item. */
export interface Version {
  readonly annotator: string;
  readonly role: Role;
  readonly status: Status;
  readonly regions: readonly Region[];
  readonly time: string;
  readonly eventId: string;
  /** Position of the deciding event in the log (later = larger). */
  readonly order: number;
}

export interface Comment {
  readonly annotator: string;
  readonly text: string;
  readonly time: string;
}

/** An item: a suggestion (or a region an annotator added) with everyone's versions. */
export interface Item {
  readonly suggestion: Suggestion;
  /** Who added it, for items created by `add`. */
  readonly addedBy?: string;
  readonly versions: Map<string, Version>;
  resolution?: Version;
  comments: Comment[];
}

const STATUS_OF: Partial<Record<LogEvent['action'], Status>> = {
  accept: 'accepted', relabel: 'corrected', adjust: 'corrected', split: 'corrected', delete: 'deleted', skip: 'skipped', uncertain: 'uncertain', add: 'added',
};

interface Applied {
  readonly event: LogEvent;
  readonly order: number;
  undone: boolean;
}

/** Folds log events into item states; events are applied in log order. */
export class AnnotationState {
  readonly items = new Map<string, Item>();
  /** Items in queue order: suggestions by probability ascending (none last), then recording and start. */
  readonly order: Item[] = [];
  private readonly applied = new Map<string, Applied>();
  /** Per annotator, their events that can still be undone, newest last. */
  private readonly undoable = new Map<string, Applied[]>();
  /** Per item and annotator, the events that count. */
  private readonly perItem = new Map<string, Applied[]>();
  private count = 0;

  constructor(suggestions: readonly Suggestion[]) {
    const sorted = [...suggestions].sort(queueOrder);
    for (const s of sorted) {
      const item: Item = { suggestion: s, versions: new Map(), comments: [] };
      this.items.set(s.id, item);
      this.order.push(item);
    }
  }

  /** Applies one event (already validated). Unknown items (a changed input) are ignored but keep their order slot. */
  apply(event: LogEvent): void {
    const applied: Applied = { event, order: this.count++, undone: false };
    this.applied.set(event.id, applied);
    if (event.action === 'undo') {
      const target = event.undoes === undefined ? undefined : this.applied.get(event.undoes);
      if (target === undefined || target.undone) return;
      target.undone = true;
      const stack = this.undoable.get(event.annotator) ?? [];
      this.undoable.set(event.annotator, stack.filter((a) => a !== target));
      this.recompute(target.event.item);
      return;
    }
    if (event.action === 'add' && !this.items.has(event.item)) this.addItem(event);
    const stack = this.undoable.get(event.annotator) ?? [];
    stack.push(applied);
    this.undoable.set(event.annotator, stack);
    const key = event.item;
    const list = this.perItem.get(key) ?? [];
    list.push(applied);
    this.perItem.set(key, list);
    this.recompute(key);
  }

  /** The annotator's newest event that undo would take back. */
  lastUndoable(annotator: string): LogEvent | undefined {
    return this.undoable.get(annotator)?.at(-1)?.event;
  }

  /** Whether annotators' versions disagree and no reviewer resolved the item after the newest of them. */
  conflict(item: Item): boolean {
    const keys = new Set<string>();
    let newest = -1;
    for (const v of item.versions.values()) {
      if (v.role === 'reviewer' || v.status === 'skipped') continue;
      keys.add(decisionKey(v));
      newest = Math.max(newest, v.order);
    }
    return keys.size > 1 && !(item.resolution !== undefined && item.resolution.order > newest);
  }

  /** The decision the export takes: the resolution, or the annotators' common one; undefined if none or in conflict. */
  final(item: Item): Version | undefined {
    if (item.resolution !== undefined && !this.conflict(item)) {
      const newestAnnotator = Math.max(-1, ...[...item.versions.values()].filter((v) => v.role !== 'reviewer').map((v) => v.order));
      if (item.resolution.order > newestAnnotator) return item.resolution;
    }
    if (this.conflict(item)) return undefined;
    const versions = [...item.versions.values()].filter((v) => v.role !== 'reviewer' && v.status !== 'skipped').sort((a, b) => b.order - a.order);
    return versions[0] ?? item.resolution;
  }

  private addItem(event: LogEvent): void {
    const r = event.regions?.[0];
    const suggestion: Suggestion = {
      id: event.item, audioFile: event.original?.audio_file ?? '', startS: r?.start ?? 0, endS: r?.end ?? 0, label: r?.label ?? '', probability: null, probabilities: {}, modelId: 'added',
    };
    const item: Item = { suggestion, addedBy: event.annotator, versions: new Map(), comments: [] };
    this.items.set(event.item, item);
    this.order.push(item);
  }

  private recompute(itemId: string): void {
    const item = this.items.get(itemId);
    if (item === undefined) return;
    const events = (this.perItem.get(itemId) ?? []).filter((a) => !a.undone);
    item.versions.clear();
    item.resolution = undefined;
    item.comments = [];
    for (const { event, order } of events) {
      if (event.comment !== undefined && event.comment !== '') item.comments.push({ annotator: event.annotator, text: event.comment, time: event.time });
      if (!DECIDING.has(event.action)) continue;
      const status = event.action === 'resolve' ? ((event.status as Status | undefined) ?? 'accepted') : STATUS_OF[event.action];
      if (status === undefined) continue;
      const version: Version = { annotator: event.annotator, role: event.role, status, regions: event.regions ?? [], time: event.time, eventId: event.id, order };
      item.versions.set(event.annotator, version);
      if (event.role === 'reviewer') item.resolution = version;
    }
  }
}

/** Equal keys = the same decision (regions compared to the millisecond). */
export function decisionKey(v: Pick<Version, 'status' | 'regions'>): string {
  if (v.status === 'deleted' || v.status === 'uncertain' || v.status === 'skipped') return v.status;
  return v.regions.map((r) => `${Math.round(r.start * 1000)}-${Math.round(r.end * 1000)}:${r.label}`).sort().join(',');
}

function queueOrder(a: Suggestion, b: Suggestion): number {
  const pa = a.probability ?? 2;
  const pb = b.probability ?? 2;
  if (pa !== pb) return pa - pb;
  if (a.audioFile !== b.audioFile) return a.audioFile < b.audioFile ? -1 : 1;
  return a.startS - b.startS;
}
