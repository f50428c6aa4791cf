// Dense row-major matrix shared by the ML library: NaN marks a missing value.

export interface Matrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/** Creates a matrix, checking that the data length matches rows × cols. */
export function matrix(data: Float64Array, rows: number, cols: number): Matrix {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new RangeError(`matrix: rows and cols must be non-negative integers, got ${rows}×${cols}`);
  }
  if (data.length !== rows * cols) {
    throw new RangeError(`matrix: data length ${data.length} does not match ${rows}×${cols}`);
  }
  return { data, rows, cols };
}
