// The WASM SIMD kernels against their TypeScript versions: bit-identical GEMM, copies, pooling and batch-norm
// element operations; column sums (float32 blocks + float64 in WASM, float64 in TS) to float rounding.
import { describe, expect, it } from 'vitest';
import { Arena } from './arena.js';
import type { Kernels } from './kernels.js';
import { createKernels } from './select.js';
import { Rng } from '../../util/random.js';

async function pair(): Promise<[Kernels, Kernels]> {
  const wasm = await createKernels('wasm', 1);
  const js = await createKernels('js', 1);
  js.arena.alloc(wasm.arena.mark - js.arena.mark); // the WASM kernels' scratch: align both arenas
  return [wasm, js];
}

/** Allocates the same random floats in both arenas; returns the float index (same in both). */
function same(k: readonly Kernels[], count: number, rng: Rng): number {
  const values = Float32Array.from({ length: count }, () => rng.normal());
  const at = k.map((x) => x.arena.alloc(count));
  if (at.some((a) => a !== at[0])) throw new Error('arenas diverged');
  for (const x of k) x.arena.f32.set(values, at[0]);
  return at[0] as number;
}

const view = (k: Kernels, at: number, count: number): Float32Array => k.arena.f32.slice(at, at + count);

describe('WASM kernels agree with the TS kernels', () => {
  it('gemm is bit-identical for both A layouts, accumulation and ragged edges', async () => {
    const k = await pair();
    const rng = new Rng(3);
    for (const [m, n, d] of [[7, 13, 5], [65, 40, 300], [9, 16, 1], [130, 3, 17]] as const) {
      for (const transposedA of [false, true]) {
        const a = same(k, m * d, rng);
        const b = same(k, d * n, rng);
        const c = same(k, m * n, rng);
        for (const x of k) x.gemm(m, n, d, a, transposedA ? 1 : d, transposedA ? m : 1, b, n, c, n, transposedA);
        expect(view(k[0], c, m * n)).toEqual(view(k[1], c, m * n));
      }
    }
  });

  it('im2row, row2im and ReLU + max-pool (odd sizes, ties) are bit-identical', async () => {
    const k = await pair();
    const rng = new Rng(4);
    for (const [n, h, w, c] of [[2, 5, 7, 4], [1, 6, 4, 16], [3, 4, 5, 1]] as const) {
      const x = same(k, n * h * w * c, rng);
      const rows = same(k, n * h * w * 9 * c, rng);
      for (const z of k) z.im2row(x, n, h, w, c, rows);
      expect(view(k[0], rows, n * h * w * 9 * c)).toEqual(view(k[1], rows, n * h * w * 9 * c));
      const dx = same(k, n * h * w * c, rng);
      for (const z of k) z.row2im(rows, n, h, w, c, dx);
      expect(view(k[0], dx, n * h * w * c)).toEqual(view(k[1], dx, n * h * w * c));
      const pooled = (h >> 1) * (w >> 1) * n * c;
      for (const z of k) z.arena.f32.fill(0, x, x + c); // ties at zero in the first window
      const out = same(k, pooled, rng);
      const arg = same(k, pooled, rng);
      for (const z of k) z.reluMaxPool(x, n, h, w, c, out, arg);
      expect(view(k[0], out, pooled)).toEqual(view(k[1], out, pooled));
      expect(new Int32Array(view(k[0], arg, pooled).buffer)).toEqual(new Int32Array(view(k[1], arg, pooled).buffer));
      const dz = same(k, n * h * w * c, rng);
      for (const z of k) z.reluMaxPoolBack(x, out, n, h, w, c, dz, arg);
      expect(view(k[0], dz, n * h * w * c)).toEqual(view(k[1], dz, n * h * w * c));
    }
  });

  it('batch-norm element kernels are bit-identical; column sums agree to float rounding', async () => {
    const k = await pair();
    const rng = new Rng(5);
    const [m, c] = [1001, 32];
    const vec = (): Float32Array => Float32Array.from({ length: c }, () => rng.normal());
    const [mean, inv, gamma, beta] = [vec(), vec(), vec(), vec()];
    const y = same(k, m * c, rng);
    const xhat = same(k, m * c, rng);
    const out = same(k, m * c, rng);
    for (const z of k) z.bnTrain(y, m, c, mean, inv, gamma, beta, xhat, out);
    expect(view(k[0], out, m * c)).toEqual(view(k[1], out, m * c));
    expect(view(k[0], xhat, m * c)).toEqual(view(k[1], xhat, m * c));
    for (const z of k) z.affine(y, m, c, gamma, beta, out);
    expect(view(k[0], out, m * c)).toEqual(view(k[1], out, m * c));
    for (const z of k) z.bnBack(out, xhat, m, c, inv, mean, beta);
    expect(view(k[0], out, m * c)).toEqual(view(k[1], out, m * c));
    const sums = k.map((z) => [z.colSum(y, m, c), z.colSumSqDev(y, m, c, mean), z.colSumProd(y, xhat, m, c)]);
    for (let s = 0; s < 3; s++) {
      const a = sums[0]?.[s] as Float64Array;
      const b = sums[1]?.[s] as Float64Array;
      for (let j = 0; j < c; j++) expect(Math.abs((a[j] as number) - (b[j] as number))).toBeLessThan(1e-4 * Math.max(1, Math.abs(b[j] as number)));
    }
  });

  it('an arena grows on demand and keeps its contents', () => {
    const arena = new Arena(false, 16);
    const a = arena.alloc(4);
    arena.f32.set([1, 2, 3, 4], a);
    arena.alloc(1 << 20);
    expect(Array.from(arena.f32.subarray(a, a + 4))).toEqual([1, 2, 3, 4]);
  });
});
