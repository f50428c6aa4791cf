// SMOTE oversampling with imbalanced-learn's semantics (Chawla et al., 2002, "SMOTE: Synthetic Minority
// Over-sampling Technique"; imblearn.over_sampling.SMOTE, sampling_strategy="auto" = every class but the majority).
import { matrix, type Matrix } from '../matrix.js';
import { Rng } from '../../util/random.js';
import { kNearestWithin } from './nearest-neighbours.js';

export interface SmoteOptions {
  /** Neighbours per sample (imblearn k_neighbors); default 5. Reduced per class when the class is too small. */
  kNeighbors?: number;
  /** Seed of the random choices; default 0. */
  seed?: number;
  /** Called with each warning as it happens (they are also returned). */
  onWarning?: (message: string) => void;
}

export interface SmoteResult {
  /** Original rows first, then synthetic rows grouped by class in class order. */
  readonly x: Matrix;
  readonly y: Int32Array;
  /** For each synthetic row (in order): its base row, the neighbour row (indices into the input) and the gap u. */
  readonly synthetic: { readonly base: Int32Array; readonly neighbour: Int32Array; readonly gap: Float64Array };
  /** Per class: count before and after, and the k actually used. */
  readonly classes: readonly { label: number; before: number; after: number; k: number }[];
  readonly warnings: readonly string[];
}

/**
 * Oversamples every class below the majority count up to it: new = x + u·(nn − x), with x a random sample of the
 * class, nn one of its k nearest same-class neighbours (Euclidean, itself excluded) and u ∈ [0, 1).
 * A class with k or fewer samples uses k = n_c − 1 (a single sample is duplicated) and says so in `warnings`.
 * Input must have no missing values (impute first).
 */
export function smote(x: Matrix, y: ArrayLike<number>, options: SmoteOptions = {}): SmoteResult {
  const k = options.kNeighbors ?? 5;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`smote: kNeighbors must be a positive integer, got ${k}`);
  if (y.length !== x.rows) throw new RangeError(`smote: ${x.rows} rows but ${y.length} labels`);
  if (x.rows === 0) throw new RangeError('smote: no rows');
  for (let i = 0; i < x.data.length; i++) {
    if (!Number.isFinite(x.data[i])) throw new RangeError(`smote: non-finite value at row ${Math.floor(i / x.cols)} (impute first)`);
  }
  const members = groupByClass(y);
  const nMajority = Math.max(...members.map((m) => m.length));
  const rng = new Rng(options.seed ?? 0);
  const warnings: string[] = [];
  const warn = (m: string): void => {
    warnings.push(m);
    options.onWarning?.(m);
  };
  const base: number[] = [];
  const neighbour: number[] = [];
  const gap: number[] = [];
  const newLabels: number[] = [];
  const classes: { label: number; before: number; after: number; k: number }[] = [];
  members.forEach((rows, label) => {
    if (rows.length === 0) return;
    const nNew = nMajority - rows.length;
    const kc = Math.min(k, rows.length - 1);
    classes.push({ label, before: rows.length, after: rows.length + nNew, k: nNew > 0 ? kc : k });
    if (nNew === 0) return;
    if (kc < k) {
      warn(`smote: class ${label} has ${rows.length} sample(s), ≤ k = ${k}; using k = ${kc}` +
        (kc === 0 ? ' (synthetic rows duplicate the single sample)' : ''));
    }
    const picks = sampleClass(x, rows, nNew, kc, rng);
    for (let i = 0; i < nNew; i++) {
      base.push(picks.base[i] ?? 0);
      neighbour.push(picks.neighbour[i] ?? 0);
      gap.push(picks.gap[i] ?? 0);
      newLabels.push(label);
    }
  });
  return assemble(x, y, base, neighbour, gap, newLabels, classes, warnings);
}

/** Row indices per class index. */
function groupByClass(y: ArrayLike<number>): Int32Array[] {
  const lists: number[][] = [];
  for (let i = 0; i < y.length; i++) {
    const c = y[i] ?? -1;
    if (!Number.isInteger(c) || c < 0) throw new RangeError(`smote: bad class index ${c} at ${i}`);
    while (lists.length <= c) lists.push([]);
    lists[c]?.push(i);
  }
  return lists.map((l) => Int32Array.from(l));
}

/** Draws (base, neighbour, gap) triples for one class; neighbours are searched only for the bases drawn. */
function sampleClass(x: Matrix, rows: Int32Array, nNew: number, kc: number, rng: Rng) {
  const basePos = new Int32Array(nNew);
  const nnSlot = new Int32Array(nNew);
  const gap = new Float64Array(nNew);
  for (let i = 0; i < nNew; i++) {
    basePos[i] = rng.nextInt(rows.length);
    nnSlot[i] = kc > 0 ? rng.nextInt(kc) : 0;
    gap[i] = kc > 0 ? rng.float() : 0;
  }
  const base = Int32Array.from(basePos, (p) => rows[p] ?? 0);
  if (kc === 0) return { base, neighbour: Int32Array.from(base), gap };
  const unique = Int32Array.from(new Set(base));
  const nn = kNearestWithin(x, rows, unique, kc);
  const where = new Map<number, number>();
  unique.forEach((r, i) => where.set(r, i));
  const neighbour = new Int32Array(nNew);
  for (let i = 0; i < nNew; i++) {
    neighbour[i] = nn[(where.get(base[i] ?? 0) ?? 0) * kc + (nnSlot[i] ?? 0)] ?? 0;
  }
  return { base, neighbour, gap };
}

function assemble(
  x: Matrix,
  y: ArrayLike<number>,
  base: number[],
  neighbour: number[],
  gap: number[],
  newLabels: number[],
  classes: SmoteResult['classes'],
  warnings: string[],
): SmoteResult {
  const d = x.cols;
  const rows = x.rows + base.length;
  const data = new Float64Array(rows * d);
  data.set(x.data);
  for (let i = 0; i < base.length; i++) {
    const bo = (base[i] ?? 0) * d;
    const no = (neighbour[i] ?? 0) * d;
    const u = gap[i] ?? 0;
    const off = (x.rows + i) * d;
    for (let j = 0; j < d; j++) {
      const a = x.data[bo + j] ?? 0;
      data[off + j] = a + u * ((x.data[no + j] ?? 0) - a);
    }
  }
  const yy = new Int32Array(rows);
  for (let i = 0; i < x.rows; i++) yy[i] = y[i] ?? 0;
  yy.set(newLabels, x.rows);
  return {
    x: matrix(data, rows, d),
    y: yy,
    synthetic: { base: Int32Array.from(base), neighbour: Int32Array.from(neighbour), gap: Float64Array.from(gap) },
    classes,
    warnings,
  };
}
