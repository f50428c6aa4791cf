// Kernels running the generated WASM SIMD module (GEMM + memory-bound row kernels) on the arena's memory.
// Per-channel vectors travel through a small scratch area of the arena.
import type { Arena } from './arena.js';
import { MAX_PAGES } from './arena.js';
import { gemmFunctions } from './gemm-wasm.js';
import type { Kernels, RowOps } from './kernels.js';
import { opsFunctions } from './ops-wasm.js';
import { encodeModule } from '../../util/wasm-emit.js';
import { wasm, type WasmModule } from '../../util/wasm-api.js';

type WasmFn = (...args: number[]) => void;
type GemmCall = Kernels['gemm'];

const compiled = new Map<boolean, WasmModule | null>();

/** The module's bytes for a shared or unshared imported memory. */
export function kernelModuleBytes(shared: boolean): Uint8Array {
  return encodeModule([...gemmFunctions(), ...opsFunctions()], shared, MAX_PAGES);
}

/** The compiled kernel module for shared or unshared memory, or null when this runtime lacks WASM SIMD. */
export function kernelModule(shared: boolean): WasmModule | null {
  let module = compiled.get(shared);
  if (module === undefined) {
    const bytes = kernelModuleBytes(shared);
    module = wasm.validate(bytes) ? new wasm.Module(bytes) : null;
    compiled.set(shared, module);
  }
  return module;
}

/** Exported functions of an instance of `module` on `memory`. */
export function instantiate(module: WasmModule, memory: Arena['memory']): Record<string, WasmFn> {
  return new wasm.Instance(module, { env: { memory } }).exports as Record<string, WasmFn>;
}

/** The GEMM of an instance, with float-index arguments. */
export function gemmCall(fns: Record<string, WasmFn>): GemmCall {
  const gemm = fns['gemm'] as WasmFn;
  return (m, n, k, a, saM, saK, b, ldb, c, ldc, accumulate) => {
    if (m <= 0 || n <= 0) return;
    if (k <= 0) throw new RangeError(`gemm: depth k must be ≥ 1, got ${k}`);
    gemm(m, n, k, a * 4, saM * 4, saK * 4, b * 4, ldb * 4, c * 4, ldc * 4, accumulate ? 1 : 0);
  };
}

/** Scratch slots for per-channel vectors (floats each). */
const SLOT = 256;
const SLOTS = 8;

/** Runs a row kernel, possibly split into bands: `units` = args[countArg] (rows or samples); each pointer argument
 * [index, bytes per unit] advances with the band. The default runs it whole on this thread. */
export type RowRunner = (name: string, args: number[], countArg: number, pointers: readonly (readonly [number, number])[]) => void;

function rowOps(arena: Arena, fns: Record<string, WasmFn>, fallback: RowOps, runner?: RowRunner): RowOps {
  const scratch = arena.alloc(SLOT * SLOTS);
  const whole: RowRunner = (name, args) => (fns[name] as WasmFn)(...args);
  const run = runner ?? whole;
  const put = (slot: number, v: Float32Array): number => {
    arena.f32.set(v, scratch + slot * SLOT);
    return (scratch + slot * SLOT) * 4;
  };
  const vectorOk = (c: number): boolean => c % 4 === 0 && c <= SLOT / 2;
  const colSum = (name: string, x: number, y: number, m: number, c: number): Float64Array => {
    const acc = scratch;
    const tot = scratch + SLOT; // float64 × c in two slots
    arena.f32.fill(0, tot, tot + 2 * c);
    (fns[name] as WasmFn)(x * 4, y * 4, m, c, acc * 4, tot * 4);
    return Float64Array.from(new Float64Array(arena.f32.buffer, tot * 4, c));
  };
  return {
    colSum: (x, m, c) => (vectorOk(c) ? colSum('colsum_sum', x, 0, m, c) : fallback.colSum(x, m, c)),
    colSumSqDev: (x, m, c, mean) => (vectorOk(c) ? colSum('colsum_sqdev', x, put(3, mean) / 4, m, c) : fallback.colSumSqDev(x, m, c, mean)),
    colSumProd: (x, y, m, c) => (vectorOk(c) ? colSum('colsum_prod', x, y, m, c) : fallback.colSumProd(x, y, m, c)),
    bnTrain(y, m, c, mean, invStd, gamma, beta, xhat, out) {
      if (!vectorOk(c)) return fallback.bnTrain(y, m, c, mean, invStd, gamma, beta, xhat, out);
      const row = c * 4;
      run('bn_train', [y * 4, m, c, put(0, mean), put(1, invStd), put(2, gamma), put(3, beta), xhat * 4, out * 4], 1, [[0, row], [7, row], [8, row]]);
    },
    affine(y, m, c, scale, shift, out) {
      if (!vectorOk(c)) return fallback.affine(y, m, c, scale, shift, out);
      run('affine', [y * 4, m, c, put(0, scale), put(1, shift), out * 4], 1, [[0, c * 4], [5, c * 4]]);
    },
    bnBack(dy, xhat, m, c, k1, a, b) {
      if (!vectorOk(c)) return fallback.bnBack(dy, xhat, m, c, k1, a, b);
      run('bn_back', [dy * 4, xhat * 4, m, c, put(0, k1), put(1, a), put(2, b)], 2, [[0, c * 4], [1, c * 4]]);
    },
    im2row(x, n, h, w, c, out) {
      run(c % 4 === 0 ? 'im2row_v' : 'im2row_s', [x * 4, n, h, w, c, out * 4], 1, [[0, h * w * c * 4], [5, h * w * 9 * c * 4]]);
    },
    row2im(rows, n, h, w, c, dx) {
      if (c % 4 !== 0) return fallback.row2im(rows, n, h, w, c, dx);
      arena.f32.fill(0, dx, dx + n * h * w * c);
      run('row2im_v', [dx * 4, n, h, w, c, rows * 4], 1, [[0, h * w * c * 4], [5, h * w * 9 * c * 4]]);
    },
    reluMaxPool(z, n, h, w, c, out, arg) {
      if (c % 4 !== 0) return fallback.reluMaxPool(z, n, h, w, c, out, arg);
      const pooled = (h >> 1) * (w >> 1) * c * 4;
      run('relu_maxpool', [z * 4, n, h, w, c, out * 4, arg * 4], 1, [[0, h * w * c * 4], [5, pooled], [6, pooled]]);
    },
    reluMaxPoolBack(z, dout, n, h, w, c, dz, arg) {
      if (c % 4 !== 0) return fallback.reluMaxPoolBack(z, dout, n, h, w, c, dz, arg);
      if (h % 2 === 1 || w % 2 === 1) arena.f32.fill(0, dz, dz + n * h * w * c);
      const pooled = (h >> 1) * (w >> 1) * c * 4;
      run('relu_maxpool_back', [z * 4, dout * 4, n, h, w, c, dz * 4, arg * 4], 2, [[0, h * w * c * 4], [1, pooled], [6, h * w * c * 4], [7, pooled]]);
    },
  };
}

/** Row kernels that the threaded kernels may split into bands (names of module exports). */
export const SPLITTABLE = ['bn_train', 'affine', 'bn_back', 'im2row_v', 'im2row_s', 'row2im_v', 'relu_maxpool', 'relu_maxpool_back'] as const;

/** The WASM row kernels plus GEMM of one instance on `arena`, or null when WASM SIMD is unavailable; `runner`
 * (threaded kernels) may split the row kernels. */
export function wasmParts(arena: Arena, fallback: RowOps, runner?: (fns: Record<string, WasmFn>) => RowRunner): { ops: RowOps; gemm: GemmCall } | null {
  const module = kernelModule(arena.shared);
  if (module === null) return null;
  const fns = instantiate(module, arena.memory);
  return { ops: rowOps(arena, fns, fallback, runner?.(fns)), gemm: gemmCall(fns) };
}
