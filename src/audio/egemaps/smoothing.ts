// Three-tap moving-average smoothing of LLD contours, plain and zero-aware (openSMILE cContourSmoother
// behaviour as described in docs/egemaps.md).

const f32 = Math.fround;

/** sma3: 3-tap moving average; the first and last frames are repeated at the edges. */
export function sma3(x: Float64Array): Float64Array {
  const n = x.length;
  const y = new Float64Array(n);
  if (n === 0) return y;
  for (let i = 0; i < n; i++) {
    const prev = x[i > 0 ? i - 1 : 0]!;
    const next = x[i < n - 1 ? i + 1 : n - 1]!;
    y[i] = (prev + x[i]! + next) / 3;
  }
  return y;
}

/**
 * sma3nz: zeros stay zero; a non-zero frame is averaged with its non-zero neighbours only. Computed like
 * openSMILE's smoother, in single precision (its data memory holds floats): the frame itself, plus its left
 * neighbour, plus its right neighbour, each sum rounded to float, then the division by the number of terms.
 * Edges repeat the first/last frame, as in sma3.
 *
 * `successor: 'self'` is the smoother as openSMILE runs it at the end of input when its input level grows by one
 * frame per tick in step with it: each frame is smoothed before its successor exists, so the end-of-input padding
 * puts the frame itself in the successor's place. The predecessor is the real one.
 */
export function sma3nz(x: Float64Array, successor: 'next' | 'self' = 'next'): Float64Array {
  const n = x.length;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = f32(x[i]!);
    if (v === 0) continue;
    const prev = f32(x[i > 0 ? i - 1 : 0]!);
    const next = successor === 'self' ? v : f32(x[i < n - 1 ? i + 1 : n - 1]!);
    let sum = v, count = 1;
    if (prev !== 0) { sum = f32(sum + prev); count++; }
    if (next !== 0) { sum = f32(sum + next); count++; }
    y[i] = f32(sum / count);
  }
  return y;
}
