// Kernels running the generated WASM SIMD module on the arena's memory.
import type { Arena } from './arena.js';
import { MAX_PAGES } from './arena.js';
import { gemmModuleBytes } from './gemm-wasm.js';
import type { Kernels } from './kernels.js';
import { wasm, type WasmModule } from './wasm-api.js';

type GemmFn = (m: number, n: number, k: number, a: number, saM: number, saK: number, b: number, ldb: number, c: number, ldc: number, acc: number) => void;

const compiled = new Map<boolean, WasmModule | null>();

/** The compiled kernel module for shared or unshared memory, or null when this runtime lacks WASM SIMD. */
export function kernelModule(shared: boolean): WasmModule | null {
  let module = compiled.get(shared);
  if (module === undefined) {
    const bytes = gemmModuleBytes(shared, MAX_PAGES);
    module = wasm.validate(bytes) ? new wasm.Module(bytes) : null;
    compiled.set(shared, module);
  }
  return module;
}

/** The GEMM entry of an instance of `module` on `arena`'s memory (float-index arguments). */
export function instantiateGemm(module: WasmModule, memory: Arena['memory']): (m: number, n: number, k: number, a: number, saM: number, saK: number, b: number, ldb: number, c: number, ldc: number, accumulate: boolean) => void {
  const instance = new wasm.Instance(module, { env: { memory } });
  const gemm = instance.exports['gemm'] as GemmFn;
  return (m, n, k, a, saM, saK, b, ldb, c, ldc, accumulate) => {
    if (m <= 0 || n <= 0) return;
    if (k <= 0) throw new RangeError(`gemm: depth k must be ≥ 1, got ${k}`);
    gemm(m, n, k, a * 4, saM * 4, saK * 4, b * 4, ldb * 4, c * 4, ldc * 4, accumulate ? 1 : 0);
  };
}

/** Single-threaded WASM kernels, or null when WASM SIMD is unavailable. */
export function wasmKernels(arena: Arena): Kernels | null {
  const module = kernelModule(arena.shared);
  if (module === null) return null;
  const gemm = instantiateGemm(module, arena.memory);
  return { name: 'wasm', arena, threads: 1, gemm, close: async () => {} };
}
