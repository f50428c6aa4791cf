// Annotator agreement for the export: Cohen's kappa for every pair of annotators over the items both decided
// (skips excluded), overall on the decision category and per class as that class versus the rest.
import type { AnnotationState, Version } from '../item-state.js';
import { cohenKappa } from './cohen-kappa.js';

export interface PairAgreement {
  readonly annotators: [string, string];
  readonly n_items: number;
  readonly kappa: number | null;
  readonly per_class: Record<string, number | null>;
}

/** The category a version puts an item in: its label, `deleted`, `uncertain`, or the labels of a split. */
export function categoryOf(v: Version): string {
  if (v.status === 'deleted' || v.status === 'uncertain') return v.status;
  const labels = [...new Set(v.regions.map((r) => r.label))].sort();
  return labels.length === 1 ? labels[0]! : `split:${labels.join('+')}`;
}

/** Kappa per annotator pair (names sorted), overall and per class. */
export function agreementOf(state: AnnotationState, labels: readonly string[]): PairAgreement[] {
  const names = new Set<string>();
  for (const item of state.order) for (const v of item.versions.values()) if (v.role !== 'reviewer') names.add(v.annotator);
  const sorted = [...names].sort();
  const pairs: PairAgreement[] = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const [x, y] = [sorted[i]!, sorted[j]!];
      const a: string[] = [];
      const b: string[] = [];
      for (const item of state.order) {
        const vx = item.versions.get(x);
        const vy = item.versions.get(y);
        if (vx === undefined || vy === undefined || vx.status === 'skipped' || vy.status === 'skipped') continue;
        a.push(categoryOf(vx));
        b.push(categoryOf(vy));
      }
      const perClass: Record<string, number | null> = {};
      for (const c of labels) perClass[c] = cohenKappa(a.map((v) => String(v === c)), b.map((v) => String(v === c)));
      pairs.push({ annotators: [x, y], n_items: a.length, kappa: round(cohenKappa(a, b)), per_class: Object.fromEntries(Object.entries(perClass).map(([k, v]) => [k, round(v)])) });
    }
  }
  return pairs;
}

function round(v: number | null): number | null {
  return v === null ? null : Math.round(v * 1e6) / 1e6;
}
