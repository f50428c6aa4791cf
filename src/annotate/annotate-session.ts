// The annotation session: the opened input, the log and the folded state together. Every action request is
// checked (item, labels, boundaries inside the recording, role), turned into a log event, appended and
// fsynced, and only then applied and acknowledged.
import { randomUUID } from 'node:crypto';
import type { Item } from './item-state.js';
import { AnnotationState } from './item-state.js';
import { type Action, type LogEvent, type Region, type Role } from './log-event.js';
import { LogStore, type LogRead } from './log-store.js';
import type { OpenedInput } from './open-input.js';

/** Who is acting. */
export interface Principal {
  readonly name: string;
  readonly role: Role;
}

/** What the page asks for. */
export interface ActionRequest {
  readonly item: string;
  readonly action: Action;
  readonly label?: string;
  readonly regions?: Region[];
  readonly comment?: string;
  /** resolve: take this annotator's version. */
  readonly from?: string;
}

export type ActionResult = { ok: true; event: LogEvent } | { ok: false; status: 400 | 403 | 404 | 409; message: string };

const MAX_COMMENT = 2000;

/** An open session over one output folder. */
export class AnnotateSession {
  readonly state: AnnotationState;
  readonly logRead: LogRead;
  private readonly store: LogStore;

  constructor(readonly input: OpenedInput, readonly outDir: string) {
    const { store, read } = LogStore.open(outDir);
    this.store = store;
    this.logRead = read;
    this.state = new AnnotationState(input.suggestions);
    for (const e of read.events) this.state.apply(e);
  }

  /** Checks, logs (durably) and applies one action. */
  async act(who: Principal, request: ActionRequest): Promise<ActionResult> {
    if (who.role === 'viewer') return { ok: false, status: 403, message: 'viewers cannot change annotations' };
    if (request.action === 'resolve' && who.role !== 'reviewer') return { ok: false, status: 403, message: 'only a reviewer resolves conflicts' };
    const built = this.build(who, request);
    if (!built.ok) return built;
    await this.store.append(built.event);
    this.state.apply(built.event);
    return built;
  }

  private build(who: Principal, r: ActionRequest): ActionResult {
    const comment = r.comment === undefined ? undefined : r.comment.slice(0, MAX_COMMENT);
    const base = { v: 1 as const, id: randomUUID(), time: new Date().toISOString(), annotator: who.name, role: who.role };
    if (r.action === 'undo') {
      const target = this.state.lastUndoable(who.name);
      if (target === undefined) return { ok: false, status: 409, message: 'nothing to undo' };
      return { ok: true, event: { ...base, item: target.item, original: target.original, action: 'undo', undoes: target.id } };
    }
    const item = this.state.items.get(r.item);
    if (item === undefined) return { ok: false, status: 404, message: `no item '${r.item}'` };
    const s = item.suggestion;
    const original = item.addedBy === undefined ? { model: s.modelId, audio_file: s.audioFile, label: s.label, probability: s.probability, start: s.startS, end: s.endS } : null;
    const current = this.currentRegions(item, who.name);
    const regions = r.regions ?? (r.label !== undefined ? current.map((g) => ({ ...g, label: r.label! })) : current);
    const checked = this.checkRegions(s.audioFile, regions);
    if (checked !== undefined) return { ok: false, status: 400, message: checked };
    const first = regions[0];
    const shape = { label: first?.label, start: first?.start, end: first?.end };
    switch (r.action) {
      case 'comment':
        if (comment === undefined || comment.trim() === '') return { ok: false, status: 400, message: 'an empty comment' };
        return { ok: true, event: { ...base, item: s.id, original, action: 'comment', comment } };
      case 'delete':
      case 'skip':
      case 'uncertain':
        return { ok: true, event: { ...base, item: s.id, original, action: r.action, regions: r.action === 'delete' ? [] : regions, comment } };
      case 'split':
        if (regions.length < 2) return { ok: false, status: 400, message: 'split needs two or more regions' };
        return { ok: true, event: { ...base, item: s.id, original, action: 'split', ...shape, regions, comment } };
      case 'accept':
      case 'relabel':
      case 'adjust':
        if (regions.length !== 1) return { ok: false, status: 400, message: `${r.action} needs exactly one region` };
        return { ok: true, event: { ...base, item: s.id, original, action: r.action, ...shape, regions, comment } };
      case 'add': {
        if (r.regions?.length !== 1) return { ok: false, status: 400, message: 'add needs exactly one region' };
        const added = { model: 'added', audio_file: s.audioFile, label: '', probability: null, start: 0, end: 0 };
        return { ok: true, event: { ...base, item: `add:${base.id}`, original: added, action: 'add', ...shape, regions, comment } };
      }
      case 'resolve':
        return this.resolve(base, item, original, r, regions);
      default:
        return { ok: false, status: 400, message: `unknown action '${r.action}'` };
    }
  }

  private resolve(base: Omit<LogEvent, 'item' | 'original' | 'action'>, item: Item, original: LogEvent['original'], r: ActionRequest, regions: Region[]): ActionResult {
    if (r.from !== undefined) {
      const v = item.versions.get(r.from);
      if (v === undefined) return { ok: false, status: 400, message: `'${r.from}' has no version of this item` };
      return { ok: true, event: { ...base, item: item.suggestion.id, original, action: 'resolve', from: r.from, status: v.status, regions: [...v.regions], comment: r.comment } };
    }
    return { ok: true, event: { ...base, item: item.suggestion.id, original, action: 'resolve', from: '', status: regions.length === 0 ? 'deleted' : 'corrected', regions, comment: r.comment } };
  }

  /** The annotator's current regions for an item: their version's, else the suggestion's. */
  currentRegions(item: Item, annotator: string): Region[] {
    const mine = item.versions.get(annotator);
    if (mine !== undefined && mine.regions.length > 0) return [...mine.regions];
    const s = item.suggestion;
    return [{ start: s.startS, end: s.endS, label: s.label }];
  }

  private checkRegions(audioFile: string, regions: readonly Region[]): string | undefined {
    const recording = this.input.recordings.get(audioFile);
    const duration = recording?.layout.durationS ?? Infinity;
    const known = new Set(this.input.labels);
    for (const g of regions) {
      if (!known.has(g.label)) return `unknown label '${g.label}' (known: ${this.input.labels.join(', ')})`;
      if (!(g.end > g.start) || g.start < 0 || g.end > duration + 1e-6) return `region ${g.start}–${g.end} s is empty or outside the recording (0–${duration.toFixed(3)} s)`;
    }
    return undefined;
  }

  /** Flushes and closes the log. */
  close(): void {
    this.store.close();
  }
}
