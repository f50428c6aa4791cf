// Single-threaded TypeScript kernels (the fallback backend and the WASM kernels' oracle).
import type { Arena } from './arena.js';
import { gemmJs } from './gemm-js.js';
import type { Kernels } from './kernels.js';

/** Kernels that run gemmJs on the calling thread. */
export function jsKernels(arena: Arena): Kernels {
  return {
    name: 'js',
    arena,
    threads: 1,
    gemm(m, n, k, a, saM, saK, b, ldb, c, ldc, accumulate) {
      gemmJs(arena.f32, m, n, k, a, saM, saK, b, ldb, c, ldc, accumulate);
    },
    close: async () => {},
  };
}
