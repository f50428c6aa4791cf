// Training-data layouts: float32 features (XGBoost stores features as float) and per-feature sorted columns.
import type { Matrix } from '../matrix.js';

/** Row-major float32 copy of a matrix; NaN stays missing. */
export function toFloat32Features(m: Matrix): Float32Array {
  return Float32Array.from(m.data);
}

/** Non-missing entries of every feature, sorted by value (ties by row), in one CSC-like block. */
export interface SortedColumns {
  /** Entries of feature f are at [start[f], start[f+1]). */
  readonly start: Int32Array;
  readonly rowIndex: Int32Array;
  readonly values: Float32Array;
  /** 1 when the feature has a missing value somewhere (XGBoost's column density < 1). */
  readonly hasMissing: Uint8Array;
  /** 1 when all non-missing values of the feature are equal. */
  readonly constant: Uint8Array;
}

/** Builds the sorted columns of row-major float32 features. */
export function sortColumns(x: Float32Array, rows: number, cols: number): SortedColumns {
  const start = new Int32Array(cols + 1);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let f = 0; f < cols; f++) if (!Number.isNaN(x[base + f]!)) start[f + 1]!++;
  }
  for (let f = 0; f < cols; f++) start[f + 1]! += start[f]!;
  const total = start[cols]!;
  const rowIndex = new Int32Array(total);
  const values = new Float32Array(total);
  const hasMissing = new Uint8Array(cols);
  const constant = new Uint8Array(cols);
  const order = new Int32Array(rows);
  for (let f = 0; f < cols; f++) {
    let k = 0;
    for (let r = 0; r < rows; r++) if (!Number.isNaN(x[r * cols + f]!)) order[k++] = r;
    const part = order.subarray(0, k);
    part.sort((a, b) => x[a * cols + f]! - x[b * cols + f]! || a - b);
    const s = start[f]!;
    for (let i = 0; i < k; i++) {
      rowIndex[s + i] = part[i]!;
      values[s + i] = x[part[i]! * cols + f]!;
    }
    hasMissing[f] = k < rows ? 1 : 0;
    constant[f] = k > 0 && values[s] === values[s + k - 1] ? 1 : 0;
  }
  return { start, rowIndex, values, hasMissing, constant };
}
