// Per-column median imputation (sklearn.impute.SimpleImputer(strategy="median")), serialisable to JSON.
import { MlInputError } from '../ml-input-error.js';
import { matrix, type Matrix } from '../matrix.js';

/** The fitted state, as stored in a saved model. */
export interface MedianImputerJson {
  readonly kind: 'median-imputer';
  readonly version: 1;
  /** Fill value per column (the training median, or `allMissingFill` for all-missing columns). */
  readonly fill: number[];
  /** Indices of columns that had no observed value at fit time. */
  readonly allMissingColumns: number[];
}

export interface MedianImputerOptions {
  /**
   * Value for columns with no observed value; default 0. scikit-learn drops such columns instead; keeping
   * them (filled) preserves the feature layout, and `fit` reports each one in `warnings`.
   */
  allMissingFill?: number;
}

/** Median imputer: NaN cells are replaced by the column's median over the non-NaN training values. */
export class MedianImputer {
  private constructor(
    readonly fill: Float64Array,
    readonly allMissingColumns: readonly number[],
  ) {}

  /** Fits on `x`; returns the imputer and a message per all-missing column. */
  static fit(x: Matrix, options: MedianImputerOptions = {}): { imputer: MedianImputer; warnings: string[] } {
    const allMissingFill = options.allMissingFill ?? 0;
    if (!Number.isFinite(allMissingFill)) throw new RangeError('MedianImputer: allMissingFill must be finite');
    if (x.rows === 0) throw new RangeError('MedianImputer.fit: no rows');
    const fill = new Float64Array(x.cols);
    const allMissing: number[] = [];
    const warnings: string[] = [];
    const column = new Float64Array(x.rows);
    for (let c = 0; c < x.cols; c++) {
      let n = 0;
      for (let r = 0; r < x.rows; r++) {
        const v = x.data[r * x.cols + c] ?? Number.NaN;
        if (!Number.isNaN(v)) column[n++] = v;
      }
      if (n === 0) {
        fill[c] = allMissingFill;
        allMissing.push(c);
        warnings.push(`median imputer: column ${c} has no observed value; filled with ${allMissingFill}`);
      } else {
        fill[c] = median(column.subarray(0, n));
      }
    }
    return { imputer: new MedianImputer(fill, allMissing), warnings };
  }

  /** Returns a copy of `x` with NaN cells filled; the column count must match the fit. */
  transform(x: Matrix): Matrix {
    if (x.cols !== this.fill.length) {
      throw new RangeError(`MedianImputer.transform: expected ${this.fill.length} columns, got ${x.cols}`);
    }
    const out = Float64Array.from(x.data);
    for (let i = 0; i < out.length; i++) {
      if (Number.isNaN(out[i])) out[i] = this.fill[i % x.cols] ?? 0;
    }
    return matrix(out, x.rows, x.cols);
  }

  /** Plain JSON form for saving with a model. */
  toJSON(): MedianImputerJson {
    return {
      kind: 'median-imputer',
      version: 1,
      fill: Array.from(this.fill),
      allMissingColumns: [...this.allMissingColumns],
    };
  }

  /** Restores an imputer from `toJSON()` output, validating its shape. */
  static fromJSON(json: unknown): MedianImputer {
    const o = json as Partial<MedianImputerJson> | null;
    if (typeof o !== 'object' || o === null || o.kind !== 'median-imputer' || o.version !== 1) {
      throw new MlInputError('bad-model', 'MedianImputer.fromJSON: not a median-imputer v1 object');
    }
    if (!Array.isArray(o.fill) || !o.fill.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw new MlInputError('bad-model', 'MedianImputer.fromJSON: fill must be an array of finite numbers');
    }
    const cols = o.fill.length;
    const missing = o.allMissingColumns;
    if (!Array.isArray(missing) || !missing.every((c) => Number.isInteger(c) && c >= 0 && c < cols)) {
      throw new MlInputError('bad-model', 'MedianImputer.fromJSON: allMissingColumns must be column indices');
    }
    return new MedianImputer(Float64Array.from(o.fill), [...missing]);
  }
}

/** numpy.median of non-empty values (sorts a copy; mean of the two middle values for even length). */
export function median(values: Float64Array): number {
  if (values.length === 0) throw new RangeError('median: no values');
  const s = Float64Array.from(values).sort();
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}
