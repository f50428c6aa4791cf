// What the page sees of an item: the suggestion, the person's own version and — for reviewers and viewers —
// everyone's versions, conflicts and comments. Plain data: the page renders every string as text.
import type { AnnotateSession, Principal } from './annotate-session.js';
import type { Item, Version } from './item-state.js';

export interface VersionView {
  readonly annotator: string;
  readonly role: string;
  readonly status: string;
  readonly regions: Version['regions'];
  readonly time: string;
}

/** The JSON shape of one item for one person. */
export function itemView(session: AnnotateSession, item: Item, who: Principal): Record<string, unknown> {
  const s = item.suggestion;
  const seesAll = who.role !== 'annotator';
  const mine = item.versions.get(who.name);
  const versions = [...item.versions.values()].filter((v) => seesAll || v.annotator === who.name).map(versionView);
  return {
    id: s.id,
    audio_file: s.audioFile,
    start: s.startS,
    end: s.endS,
    label: s.label,
    probability: s.probability,
    probabilities: s.probabilities,
    model: s.modelId,
    duration: session.input.recordings.get(s.audioFile)?.layout.durationS ?? null,
    added_by: item.addedBy ?? null,
    mine: mine === undefined ? null : versionView(mine),
    regions: session.currentRegions(item, who.name),
    versions,
    conflict: seesAll ? session.state.conflict(item) : false,
    resolution: item.resolution === undefined ? null : versionView(item.resolution),
    comments: item.comments.filter((c) => seesAll || c.annotator === who.name),
  };
}

function versionView(v: Version): VersionView {
  return { annotator: v.annotator, role: v.role, status: v.status, regions: v.regions, time: v.time };
}
