// Picks and builds the kernel backend for a network.
import type { NnBackend } from '../api.js';
import { Arena } from './arena.js';
import { jsKernels } from './js-kernels.js';
import type { Kernels } from './kernels.js';
import { jsRowOps } from './ops-js.js';
import { threadedKernels } from './threaded.js';
import { wasmParts } from './wasm-kernels.js';

/** Kernels for `backend` ('auto': WASM SIMD when available) on `threads` threads, with a fresh arena. */
export async function createKernels(backend: 'auto' | NnBackend, threads: number): Promise<Kernels> {
  const single = await singleThreadKernels(backend, threads);
  return threads > 1 ? threadedKernels(single, threads) : single;
}

async function singleThreadKernels(backend: 'auto' | NnBackend, threads: number): Promise<Kernels> {
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`nn: threads must be an integer ≥ 1, got ${threads}`);
  const arena = new Arena(threads > 1);
  if (backend === 'js') return jsKernels(arena);
  const parts = wasmParts(arena, jsRowOps(arena));
  if (parts === null) {
    if (backend === 'wasm') throw new RangeError('nn: backend wasm requested but this runtime has no WebAssembly SIMD');
    return jsKernels(arena);
  }
  return { ...parts.ops, name: 'wasm', arena, threads: 1, gemm: parts.gemm, close: async () => {} };
}
