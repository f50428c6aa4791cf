// Quantile bins for the `hist` tree method: per-feature cut points and every cell's global histogram slot.
// Cut layout follows XGBoost's HistogramCuts: bin b of a feature holds values in [cut[b−1], cut[b]), the last
// cut lies above the maximum, and a split after bin b is the condition `x < cut[b]`.

/** Binned training features. */
export interface HistIndex {
  readonly rows: number;
  readonly cols: number;
  /** Cut values of feature f are cuts[cutPtr[f] .. cutPtr[f+1]). */
  readonly cutPtr: Int32Array;
  readonly cuts: Float32Array;
  /** First histogram slot of feature f; its bins follow, then one slot for missing values. */
  readonly slotOffset: Int32Array;
  readonly totalSlots: number;
  /** Column-major local bin of every cell (`bin[f·rows + r]`); a missing cell holds its feature's bin count. */
  readonly bin: Uint16Array;
}

/** Options of `buildHistIndex`. */
export interface BuildHistIndexOptions {
  /** Maximum bins per feature, ≥ 2. Default 256. */
  maxBin?: number;
}

/** Quantile cut points of one feature's sorted non-missing values. */
function featureCuts(sorted: Float32Array, maxBin: number): number[] {
  const n = sorted.length;
  if (n === 0) return [Math.fround(1e-5)];
  const unique: number[] = [];
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) unique.push(sorted[i]!);
  const cuts: number[] = [];
  if (unique.length <= maxBin) {
    for (let i = 1; i < unique.length; i++) cuts.push(unique[i]!);
  } else {
    const min = unique[0]!;
    for (let q = 1; q < maxBin; q++) {
      const v = sorted[Math.floor((q * n) / maxBin)]!;
      if (v > min && (cuts.length === 0 || v > cuts[cuts.length - 1]!)) cuts.push(v);
    }
  }
  const last = unique[unique.length - 1]!;
  cuts.push(Math.fround(last + Math.abs(last) + 1e-5));
  return cuts;
}

/** Builds cut points from row-major float32 features and bins every cell. */
export function buildHistIndex(x: Float32Array, rows: number, cols: number, options: BuildHistIndexOptions = {}): HistIndex {
  const maxBin = options.maxBin ?? 256;
  if (!Number.isInteger(maxBin) || maxBin < 2) throw new RangeError(`buildHistIndex: maxBin must be an integer ≥ 2`);
  if (x.length !== rows * cols) throw new RangeError(`buildHistIndex: data length does not match ${rows}×${cols}`);
  const perFeature: number[][] = [];
  const column = new Float32Array(rows);
  for (let f = 0; f < cols; f++) {
    let k = 0;
    for (let r = 0; r < rows; r++) {
      const v = x[r * cols + f]!;
      if (v === v) column[k++] = v;
    }
    perFeature.push(featureCuts(column.subarray(0, k).sort(), maxBin));
  }
  const cutPtr = new Int32Array(cols + 1);
  const slotOffset = new Int32Array(cols + 1);
  for (let f = 0; f < cols; f++) {
    cutPtr[f + 1] = cutPtr[f]! + perFeature[f]!.length;
    slotOffset[f + 1] = slotOffset[f]! + perFeature[f]!.length + 1;
  }
  const cuts = new Float32Array(cutPtr[cols]!);
  perFeature.forEach((c, f) => cuts.set(c, cutPtr[f]!));
  if (maxBin > 65535) throw new RangeError(`buildHistIndex: maxBin must be below 65536`);
  const bin = new Uint16Array(rows * cols);
  for (let f = 0; f < cols; f++) {
    const lo = cutPtr[f]!;
    const nb = cutPtr[f + 1]! - lo;
    for (let r = 0; r < rows; r++) {
      const v = x[r * cols + f]!;
      if (v !== v) {
        bin[f * rows + r] = nb;
        continue;
      }
      // upper_bound: first cut strictly greater than v.
      let a = 0;
      let b = nb - 1;
      while (a < b) {
        const m = (a + b) >>> 1;
        if (cuts[lo + m]! > v) b = m;
        else a = m + 1;
      }
      bin[f * rows + r] = a;
    }
  }
  return { rows, cols, cutPtr, cuts, slotOffset, totalSlots: slotOffset[cols]!, bin };
}
