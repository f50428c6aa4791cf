// The study's metadata CSV: child_ID, age_mo_round, child_gender, clip_ID, Answer, corpus.
import { METADATA_COLUMNS } from './labels.js';
import type { ClipPlan } from './plan.js';

/** Quotes a CSV field when it needs it (RFC 4180). */
function csvField(value: string | number): string {
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Renders planned clips as the metadata CSV (header + one row per clip, in plan order, LF line ends). */
export function metadataCsv(plans: readonly ClipPlan[]): string {
  const rows = [METADATA_COLUMNS.join(',')];
  for (const p of plans) {
    rows.push([p.child.childId, p.child.ageMo, p.child.gender, p.clipId, p.label, p.child.corpus].map(csvField).join(','));
  }
  return `${rows.join('\n')}\n`;
}
