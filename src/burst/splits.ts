// Splits by recording (segments of one recording are strongly correlated, so a segment-level split leaks): a seeded
// held-out test split, then cross-validation over the training recordings — `kfold` (k folds of recordings),
// `lofo` (leave one recording out) or `none` (one validation share for choosing the best epoch). Each split and
// each fold's training part must hold every class; an empty split or a fold without validation data is an error
// naming the recordings.
import { Rng, deriveSeed } from '../util/random.js';
import { BurstError } from './burst-error.js';
import { BURST_CLASSES } from './classes.js';

export type CvMode = 'none' | 'kfold' | 'lofo';

export interface SplitOptions {
  /** Share of recordings held out for the final evaluation (at least one recording). */
  readonly testShare: number;
  readonly cv: CvMode;
  /** Folds for kfold. */
  readonly folds: number;
  /** Share of training recordings used for validation when cv is none (at least one). */
  readonly valShare: number;
  readonly seed: number;
}

/** Per recording: its id and how many segments of each class (by class index) it has. */
export interface RecordingCounts {
  readonly id: string;
  readonly counts: readonly number[];
}

export interface Fold {
  /** 1-based. */
  readonly index: number;
  readonly train: string[];
  readonly val: string[];
}

export interface StudySplits {
  readonly test: string[];
  readonly train: string[];
  /** kfold: k folds; lofo: one per training recording; none: one (train minus validation share, validation). */
  readonly folds: Fold[];
}

const ATTEMPTS = 200;

function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function classTotals(recs: readonly RecordingCounts[]): number[] {
  const totals = BURST_CLASSES.map(() => 0);
  for (const r of recs) r.counts.forEach((c, i) => (totals[i] = (totals[i] ?? 0) + c));
  return totals;
}

/** Names of the classes with no segment in `recs`. */
export function missingClasses(recs: readonly RecordingCounts[]): string[] {
  return classTotals(recs).flatMap((t, i) => (t === 0 ? [BURST_CLASSES[i]!] : []));
}

const ids = (recs: readonly RecordingCounts[]): string[] => recs.map((r) => r.id).sort();

/** Splits off `share` of `recs` (≥ 1, ≤ n − 1), preferring a seeded draw in which both sides hold every class. */
function holdOut(recs: readonly RecordingCounts[], share: number, seed: number, what: string): [held: RecordingCounts[], rest: RecordingCounts[]] {
  const k = Math.max(1, Math.round(recs.length * share));
  if (recs.length < 2 || k >= recs.length) {
    throw new BurstError('empty-split', `${what} split: ${recs.length} recording${recs.length === 1 ? '' : 's'} (${ids(recs).join(', ')}) cannot give a non-empty ${what} split and training split`);
  }
  let first: [RecordingCounts[], RecordingCounts[]] | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const order = shuffled(recs, new Rng(deriveSeed(seed, attempt)));
    const split: [RecordingCounts[], RecordingCounts[]] = [order.slice(0, k), order.slice(k)];
    first ??= split;
    if (missingClasses(split[0]).length === 0 && missingClasses(split[1]).length === 0) return split;
  }
  return first!;
}

function requireClasses(recs: readonly RecordingCounts[], where: string): void {
  const missing = missingClasses(recs);
  if (missing.length > 0) {
    throw new BurstError('missing-class', `class${missing.length > 1 ? 'es' : ''} ${missing.map((c) => `'${c}'`).join(', ')} ha${missing.length > 1 ? 've' : 's'} no examples in ${where} (recordings: ${ids(recs).join(', ')})`);
  }
}

function requireValidation(fold: Fold, recs: ReadonlyMap<string, RecordingCounts>): void {
  const n = fold.val.reduce((sum, id) => sum + (recs.get(id)?.counts.reduce((a, b) => a + b, 0) ?? 0), 0);
  if (fold.val.length === 0 || n === 0) {
    throw new BurstError('empty-fold', `fold ${fold.index} has no validation data (validation recordings: ${fold.val.length === 0 ? 'none' : fold.val.join(', ')}, 0 labelled segments)`);
  }
}

/** Builds the test split and the cross-validation folds; throws BurstError on an impossible split. */
export function splitRecordings(recordings: readonly RecordingCounts[], options: SplitOptions): StudySplits {
  requireClasses(recordings, 'the dataset');
  const [testRecs, trainRecs] = holdOut(recordings, options.testShare, deriveSeed(options.seed, 1), 'test');
  requireClasses(trainRecs, 'the training split');
  const byId = new Map(recordings.map((r) => [r.id, r]));
  let folds: Fold[];
  if (options.cv === 'none') {
    const [val, train] = holdOut(trainRecs, options.valShare, deriveSeed(options.seed, 2), 'validation');
    folds = [{ index: 1, train: ids(train), val: ids(val) }];
  } else if (options.cv === 'lofo') {
    folds = ids(trainRecs).map((id, i) => ({ index: i + 1, train: ids(trainRecs).filter((x) => x !== id), val: [id] }));
  } else {
    const k = options.folds;
    if (!Number.isInteger(k) || k < 2) throw new BurstError('bad-params', `params.yaml:train.folds: kfold needs an integer ≥ 2, got ${k}`);
    if (k > trainRecs.length) throw new BurstError('empty-fold', `cv kfold with ${k} folds needs at least ${k} training recordings, the training split has ${trainRecs.length} (${ids(trainRecs).join(', ')})`);
    folds = kfold(trainRecs, k, deriveSeed(options.seed, 3));
  }
  for (const fold of folds) {
    requireValidation(fold, byId);
    requireClasses(fold.train.map((id) => byId.get(id)!), `the training part of fold ${fold.index}`);
  }
  return { test: ids(testRecs), train: ids(trainRecs), folds };
}

/** k folds of recordings, round-robin over a seeded order, preferring a draw whose training parts hold every class. */
function kfold(recs: readonly RecordingCounts[], k: number, seed: number): Fold[] {
  let first: Fold[] | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const order = shuffled(recs, new Rng(deriveSeed(seed, attempt)));
    const parts: RecordingCounts[][] = Array.from({ length: k }, () => []);
    order.forEach((r, i) => parts[i % k]!.push(r));
    const folds = parts.map((val, i) => ({ index: i + 1, train: ids(parts.filter((_, j) => j !== i).flat()), val: ids(val) }));
    first ??= folds;
    const byId = new Map(recs.map((r) => [r.id, r]));
    if (folds.every((f) => missingClasses(f.train.map((id) => byId.get(id)!)).length === 0)) return folds;
  }
  return first!;
}
