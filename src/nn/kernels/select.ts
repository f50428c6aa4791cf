// Picks and builds the kernel backend for a network: WASM SIMD (or TS) on one thread, or split over worker
// threads that share the arena.
import type { NnBackend } from '../api.js';
import { Arena } from './arena.js';
import { jsKernels } from './js-kernels.js';
import type { Kernels } from './kernels.js';
import { jsRowOps } from './ops-js.js';
import { splitRunner, startHelpers, threadedKernels, type HelperPool } from './threaded.js';
import { kernelModule, wasmParts } from './wasm-kernels.js';

/** Kernels for `backend` ('auto': WASM SIMD when available) on `threads` threads, with a fresh arena. */
export async function createKernels(backend: 'auto' | NnBackend, threads: number): Promise<Kernels> {
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`nn: threads must be an integer ≥ 1, got ${threads}`);
  const arena = new Arena(threads > 1);
  const module = backend === 'js' ? null : kernelModule(arena.shared);
  if (module === null && backend === 'wasm') throw new RangeError('nn: backend wasm requested but this runtime has no WebAssembly SIMD');
  const pool: HelperPool | undefined = threads > 1 ? await startHelpers(arena, module, threads - 1) : undefined;
  let base: Kernels;
  const parts = module === null ? null : wasmParts(arena, jsRowOps(arena), pool === undefined ? undefined : (fns) => splitRunner(pool, fns));
  if (parts === null) base = jsKernels(arena);
  else base = { ...parts.ops, name: 'wasm', arena, threads: 1, gemm: parts.gemm, close: async () => {} };
  return pool === undefined ? base : threadedKernels(base, pool);
}
