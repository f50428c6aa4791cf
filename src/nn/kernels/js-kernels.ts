// Single-threaded TypeScript kernels (the fallback backend and the WASM kernels' oracle).
import type { Arena } from './arena.js';
import { gemmJs } from './gemm-js.js';
import type { Kernels } from './kernels.js';
import { jsRowOps } from './ops-js.js';

/** Kernels that run gemmJs and the TS row operations on the calling thread. */
export function jsKernels(arena: Arena): Kernels {
  return {
    ...jsRowOps(arena),
    name: 'js',
    arena,
    threads: 1,
    gemm(m, n, k, a, saM, saK, b, ldb, c, ldc, accumulate) {
      gemmJs(arena.f32, m, n, k, a, saM, saK, b, ldb, c, ldc, accumulate);
    },
    close: async () => {},
  };
}
