// The kernel interface the network runs on: the compute-heavy loops, over float indices into one arena.
// Per-channel vectors (means, scales…) are passed as small typed arrays.
import type { NnBackend } from '../api.js';
import type { Arena } from './arena.js';

/** Memory-bound kernels over channels-last rows [m, c] and NHWC images [n, h, w, c]. */
export interface RowOps {
  /** Per-channel Σ x over m rows (float64). */
  colSum(x: number, m: number, c: number): Float64Array;
  /** Per-channel Σ (x − mean)². */
  colSumSqDev(x: number, m: number, c: number, mean: Float32Array): Float64Array;
  /** Per-channel Σ x·y. */
  colSumProd(x: number, y: number, m: number, c: number): Float64Array;
  /** x̂ = (y − mean)·invStd → xhat; γx̂ + β → out (out may be y). */
  bnTrain(y: number, m: number, c: number, mean: Float32Array, invStd: Float32Array, gamma: Float32Array, beta: Float32Array, xhat: number, out: number): void;
  /** out = y·scale + shift (out may be y). */
  affine(y: number, m: number, c: number, scale: Float32Array, shift: Float32Array, out: number): void;
  /** dy ← k1·((dy − a) − x̂·b), in place. */
  bnBack(dy: number, xhat: number, m: number, c: number, k1: Float32Array, a: Float32Array, b: Float32Array): void;
  /** 3×3 pad-1 neighbourhoods of NHWC x as rows [n·h·w, 9·c] (column order kh, kw, ci). */
  im2row(x: number, n: number, h: number, w: number, c: number, out: number): void;
  /** Adds rows [n·h·w, 9·c] back into dx [n, h, w, c] (overwritten). */
  row2im(rows: number, n: number, h: number, w: number, c: number, dx: number): void;
  /** 2×2 max-pool of relu(z) → out [n, ⌊h/2⌋, ⌊w/2⌋, c]; first argmax (0–3) as int32 at float index `arg`. */
  reluMaxPool(z: number, n: number, h: number, w: number, c: number, out: number, arg: number): void;
  /** dz [n, h, w, c] (overwritten) = dout at each window's argmax where z > 0, else 0. */
  reluMaxPoolBack(z: number, dout: number, n: number, h: number, w: number, c: number, dz: number, arg: number): void;
}

/** Compute kernels over an arena's floats (all offsets are float indices). */
export interface Kernels extends RowOps {
  readonly name: NnBackend;
  readonly arena: Arena;
  readonly threads: number;
  /** C[m×n] (+)= A·B; A(i,k) at a + i·saM + k·saK, B rows contiguous (ldb), C rows contiguous (ldc). */
  gemm(m: number, n: number, k: number, a: number, saM: number, saK: number, b: number, ldb: number, c: number, ldc: number, accumulate: boolean): void;
  /** Stops helper threads. */
  close(): Promise<void>;
}
