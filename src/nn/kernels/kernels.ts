// The kernel interface the network runs on: the compute-heavy loops, over float indices into one arena.
import type { NnBackend } from '../api.js';
import type { Arena } from './arena.js';

/** Compute kernels over an arena's floats (all offsets are float indices). */
export interface Kernels {
  readonly name: NnBackend;
  readonly arena: Arena;
  readonly threads: number;
  /** C[m×n] (+)= A·B; A(i,k) at a + i·saM + k·saK, B rows contiguous (ldb), C rows contiguous (ldc). */
  gemm(m: number, n: number, k: number, a: number, saM: number, saK: number, b: number, ldb: number, c: number, ldc: number, accumulate: boolean): void;
  /** Stops helper threads. */
  close(): Promise<void>;
}
