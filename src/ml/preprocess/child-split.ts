// The study's child-disjoint split (stage `ingest`): unique child IDs in order of first appearance, shuffled with a
// seeded generator; the first round(trainShare·n) go to train, the rest is halved into valid and test (valid takes
// the odd one). Within each split at most `classCaps[label]` clips per class are sampled, keeping the row order.
// Impossible requests (no rows, a split left without children) throw RangeError.
import { Rng } from '../../util/random.js';

/** The three splits, in order. */
export const SPLITS = ['train', 'valid', 'test'] as const;
export type Split = (typeof SPLITS)[number];

/** The columns the split needs from a metadata row. */
export interface SplitRow {
  readonly child_ID: string;
  readonly Answer: string;
}

export interface SplitOptions {
  /** Seed of the child shuffle and of the per-class sampling. */
  readonly seed: number;
  /** Share of children in train, in (0, 1). */
  readonly trainShare: number;
  /** At most this many clips per class and split; a missing or null entry keeps every clip of the class. */
  readonly classCaps?: Readonly<Record<string, number | null>>;
}

/** Unique values in order of first appearance. */
export function uniqueInOrder(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/** Assigns children to splits: shuffled (seeded), first round(trainShare·n) to train, the rest halved (valid ≥ test). */
export function splitChildren(childIds: readonly string[], seed: number, trainShare: number): Record<Split, string[]> {
  const shuffled = new Rng(seed).shuffle([...childIds]);
  const n = shuffled.length;
  const nTrain = Math.round(trainShare * n);
  const nValid = Math.ceil((n - nTrain) / 2);
  const result = {
    train: shuffled.slice(0, nTrain),
    valid: shuffled.slice(nTrain, nTrain + nValid),
    test: shuffled.slice(nTrain + nValid),
  };
  for (const split of SPLITS) {
    if (result[split].length === 0) {
      throw new RangeError(`the split of ${n} child(ren) with train_share ${trainShare} leaves ${split} without children`);
    }
  }
  return result;
}

/** Samples up to `caps[label]` rows per label (seeded), returning the kept rows in their original order. */
export function capClasses<T extends SplitRow>(rows: readonly T[], caps: Readonly<Record<string, number | null>>, rng: Rng): T[] {
  const byLabel = new Map<string, number[]>();
  rows.forEach((row, index) => {
    const list = byLabel.get(row.Answer);
    if (list === undefined) byLabel.set(row.Answer, [index]);
    else list.push(index);
  });
  const keep: number[] = [];
  for (const label of [...byLabel.keys()].sort()) {
    const indices = byLabel.get(label)!;
    const cap = caps[label] ?? null;
    if (cap === null || indices.length <= cap) keep.push(...indices);
    else keep.push(...rng.shuffle([...indices]).slice(0, cap));
  }
  keep.sort((a, b) => a - b);
  return keep.map((i) => rows[i]!);
}

/** Splits metadata rows child-disjointly and applies the class caps; each split gets its own random stream. */
export function splitRows<T extends SplitRow>(rows: readonly T[], options: SplitOptions): Record<Split, T[]> {
  if (rows.length === 0) throw new RangeError('the metadata has no rows');
  const children = splitChildren(uniqueInOrder(rows.map((r) => r.child_ID)), options.seed, options.trainShare);
  const splitOf = new Map<string, Split>();
  for (const split of SPLITS) for (const child of children[split]) splitOf.set(child, split);
  const grouped: Record<Split, T[]> = { train: [], valid: [], test: [] };
  for (const row of rows) grouped[splitOf.get(row.child_ID)!].push(row);
  const caps = options.classCaps ?? {};
  return {
    train: capClasses(grouped.train, caps, new Rng(options.seed, 1)),
    valid: capClasses(grouped.valid, caps, new Rng(options.seed, 2)),
    test: capClasses(grouped.test, caps, new Rng(options.seed, 3)),
  };
}

/** Per-label clip counts of some rows, labels sorted. */
export function classCounts(rows: readonly SplitRow[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row.Answer] = (counts[row.Answer] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
