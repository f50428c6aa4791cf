// Pools a frame matrix over time into one vector per clip: per-column mean, or mean then population std.
import type { FrameMatrix } from './frame-matrix.js';

/** 'mean': cols values; 'mean_std': cols means followed by cols population standard deviations (ddof 0). */
export type FramePooling = 'mean' | 'mean_std';

/** Pools the frames of a matrix; throws RangeError when it has no frames. */
export function poolFrames(matrix: FrameMatrix, pooling: FramePooling): Float64Array {
  const { frames, cols, data } = matrix;
  if (frames === 0) throw new RangeError('poolFrames: no frames to pool');
  const out = new Float64Array(pooling === 'mean_std' ? 2 * cols : cols);
  for (let c = 0; c < cols; c++) {
    let sum = 0;
    for (let t = 0; t < frames; t++) sum += data[t * cols + c]!;
    const mean = sum / frames;
    out[c] = mean;
    if (pooling === 'mean_std') {
      let squares = 0;
      for (let t = 0; t < frames; t++) {
        const d = data[t * cols + c]! - mean;
        squares += d * d;
      }
      out[cols + c] = Math.sqrt(squares / frames);
    }
  }
  return out;
}
