// A frames × columns matrix of float64 values, row-major: the frame-level output of spectral features.

export interface FrameMatrix {
  readonly frames: number;
  readonly cols: number;
  /** Row-major: value (t, c) at t·cols + c. */
  readonly data: Float64Array;
}

/** Wraps data as a frame matrix, checking its length. */
export function frameMatrix(data: Float64Array, frames: number, cols: number): FrameMatrix {
  if (!Number.isInteger(frames) || !Number.isInteger(cols) || frames < 0 || cols < 0) {
    throw new RangeError(`frameMatrix: frames and cols must be non-negative integers, got ${frames}×${cols}`);
  }
  if (data.length !== frames * cols) throw new RangeError(`frameMatrix: data length ${data.length} ≠ ${frames}×${cols}`);
  return { frames, cols, data };
}

/** Row t of a frame matrix as a view (no copy). */
export function frameRow(matrix: FrameMatrix, t: number): Float64Array {
  if (!Number.isInteger(t) || t < 0 || t >= matrix.frames) throw new RangeError(`frameRow: frame ${t} out of [0, ${matrix.frames})`);
  return matrix.data.subarray(t * matrix.cols, (t + 1) * matrix.cols);
}
