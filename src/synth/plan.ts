// Corpus plan: which child gets how many clips of which class, each clip's duration, and which clips are
// rendered as a confusable class (label noise). Class totals match the study's shares exactly (largest
// remainder); children's clip counts and class mixes vary (iterative proportional fitting of each child's
// propensities to the class totals, Deming & Stephan 1940).
import type { ChildProfile } from './child.js';
import { drawDurationSec, type DurationOptions } from './duration.js';
import { LABELS, STUDY_CLASS_COUNTS, type Label } from './labels.js';
import { deriveSeed, Rng } from '../util/random.js';

/** One planned clip. */
export interface ClipPlan {
  readonly child: ChildProfile;
  /** 1-based index of the clip within its child. */
  readonly clipIndex: number;
  readonly clipId: string;
  /** The label written to the metadata. */
  readonly label: Label;
  /** The class whose generator renders the audio (differs from `label` for label-noise clips). */
  readonly renderedAs: Label;
  readonly durationSec: number;
  readonly seed: number;
}

export interface PlanOptions {
  /** Share of clips whose audio comes from a confusable class; default 0.05 (the corpus default is 0.07). */
  readonly labelNoise?: number;
  readonly durations?: DurationOptions;
  readonly sampleRateHz?: number;
}

/** Which classes a mislabelled clip is really rendered as, with weights (confusable pairs dominate). */
const CONFUSIONS: Readonly<Record<Label, readonly (readonly [Label, number])[]>> = {
  Canonical: [['Non-canonical', 0.85], ['Junk', 0.15]],
  Crying: [['Non-canonical', 0.8], ['Junk', 0.2]],
  Junk: [['Non-canonical', 0.7], ['Laughing', 0.15], ['Canonical', 0.15]],
  Laughing: [['Non-canonical', 0.6], ['Junk', 0.4]],
  'Non-canonical': [['Canonical', 0.5], ['Junk', 0.3], ['Crying', 0.1], ['Laughing', 0.1]],
};

/** Splits `total` into integers proportional to `weights` (largest remainder, ties to the lower index). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) throw new RangeError('apportion: weights must have a positive sum');
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

/** Fits child x class expected counts to the given row and column totals by iterative proportional fitting. */
function fitMatrix(children: readonly ChildProfile[], rowTotals: readonly number[], colTotals: readonly number[]): number[][] {
  const m = children.map((c) => [...c.classWeights]);
  for (let iter = 0; iter < 50; iter++) {
    m.forEach((row, i) => {
      const s = row.reduce((a, b) => a + b, 0);
      row.forEach((_, k) => (row[k] = ((row[k] ?? 0) * (rowTotals[i] ?? 0)) / s));
    });
    colTotals.forEach((total, k) => {
      const s = m.reduce((a, row) => a + (row[k] ?? 0), 0);
      m.forEach((row) => (row[k] = ((row[k] ?? 0) * total) / s));
    });
  }
  return m;
}

/** Plans `nClips` clips over `children`, deterministically from `seed`. */
export function planCorpus(children: readonly ChildProfile[], nClips: number, seed: number, options: PlanOptions = {}): ClipPlan[] {
  if (!Number.isInteger(nClips) || nClips < LABELS.length) throw new RangeError(`planCorpus: nClips must be an integer >= ${LABELS.length}, got ${nClips}`);
  const labelNoise = options.labelNoise ?? 0.05;
  if (!(labelNoise >= 0 && labelNoise <= 1)) throw new RangeError(`planCorpus: labelNoise must be in [0, 1], got ${labelNoise}`);
  const rng = new Rng(deriveSeed(seed, 0x91a));
  const classTotals = apportion(nClips, LABELS.map((l) => STUDY_CLASS_COUNTS[l]));
  const childTotals = apportion(nClips, children.map(() => Math.exp(rng.normal(0, 0.45))));
  const fitted = fitMatrix(children, childTotals, classTotals);
  const perChild: Label[][] = children.map(() => []);
  LABELS.forEach((label, k) => {
    const counts = apportion(classTotals[k] ?? 0, fitted.map((row) => Math.max(1e-9, row[k] ?? 0)));
    counts.forEach((c, i) => { for (let j = 0; j < c; j++) perChild[i]?.push(label); });
  });
  const plans: ClipPlan[] = [];
  children.forEach((child, i) => {
    const labels = perChild[i] ?? [];
    const crng = new Rng(deriveSeed(seed, 0x91b, i));
    for (let j = labels.length - 1; j > 0; j--) {
      const r = crng.int(0, j);
      [labels[j], labels[r]] = [labels[r] as Label, labels[j] as Label];
    }
    labels.forEach((label, j) => {
      const renderedAs = crng.chance(labelNoise) ? confuse(label, crng) : label;
      plans.push({
        child, clipIndex: j + 1, clipId: `${child.childId}_${String(j + 1).padStart(4, '0')}.wav`, label, renderedAs,
        durationSec: drawDurationSec(renderedAs, crng, options.durations, options.sampleRateHz),
        seed: deriveSeed(seed, 0x91c, i, j + 1),
      });
    });
  });
  return plans;
}

/** Picks the class a mislabelled clip is rendered as. */
function confuse(label: Label, rng: Rng): Label {
  const options = CONFUSIONS[label];
  const pick = options[rng.weighted(options.map((o) => o[1]))];
  return pick?.[0] ?? label;
}
