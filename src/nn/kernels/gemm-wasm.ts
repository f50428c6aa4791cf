// Generates the WASM SIMD GEMM: C (+)= A·B on float32 with 5×8 register tiles (10 f32x4 accumulators; 5 rows
// measured ~9 % faster than 4 here, 6 spill on x86-64's 16 vector registers, unrolling k was slower), f32x4 mul +
// add with k summed in order (bit-identical to gemmJs), blocked over columns (NC) and depth (KC) so that a B panel
// stays in cache while the row tiles stream past it. A is read through strides (either layout), B and C rows are contiguous.
import { Body, T, encodeModule, whileLoop } from '../../util/wasm-emit.js';

/** Tile rows (exported: threads split GEMMs on multiples of it), columns-per-panel and depth-per-panel. */
export const MR = 5;
const NC = 128;
const KC = 256;

/** Micro-kernel over `rows` × (4·vectors) (vectors 0 = one scalar column): params pa saM saK pb ldb pc ldc kb first. */
function microKernel(rows: number, vectors: number): Body {
  const b = new Body([T.i32, T.i32, T.i32, T.i32, T.i32, T.i32, T.i32, T.i32, T.i32]);
  const [pa, saM, saK, pb, ldb, pc, ldc, kb, first] = [0, 1, 2, 3, 4, 5, 6, 7, 8] as const;
  const scalar = vectors === 0;
  const lanes = scalar ? 1 : vectors;
  const pr = Array.from({ length: rows }, (_, r) => (r === 0 ? pa : b.local(T.i32)));
  const pcr = Array.from({ length: rows }, (_, r) => (r === 0 ? pc : b.local(T.i32)));
  const acc = Array.from({ length: rows }, () => Array.from({ length: lanes }, () => b.local(scalar ? T.f32 : T.v128)));
  const bv = Array.from({ length: lanes }, () => b.local(scalar ? T.f32 : T.v128));
  const av = b.local(scalar ? T.f32 : T.v128);
  const p = b.local(T.i32);
  for (let r = 1; r < rows; r++) {
    b.get(pa).get(saM).i32(r).mul().add().set(pr[r] as number);
    b.get(pc).get(ldc).i32(r).mul().add().set(pcr[r] as number);
  }
  b.get(first).eqz().if();
  for (let r = 0; r < rows; r++) {
    for (let v = 0; v < lanes; v++) {
      b.get(pcr[r] as number);
      if (scalar) b.f32Load();
      else b.v128Load(16 * v);
      b.set(acc[r]?.[v] as number);
    }
  }
  b.end();
  whileLoop(b, () => b.get(p).get(kb).ltS(), () => {
    for (let v = 0; v < lanes; v++) {
      b.get(pb);
      if (scalar) b.f32Load();
      else b.v128Load(16 * v);
      b.set(bv[v] as number);
    }
    for (let r = 0; r < rows; r++) {
      b.get(pr[r] as number);
      if (scalar) b.f32Load();
      else b.loadSplat();
      b.set(av);
      for (let v = 0; v < lanes; v++) {
        const a = acc[r]?.[v] as number;
        b.get(a).get(av).get(bv[v] as number);
        if (scalar) b.f32Mul().f32Add();
        else b.f32x4Mul().f32x4Add();
        b.set(a);
      }
      b.get(pr[r] as number).get(saK).add().set(pr[r] as number);
    }
    b.get(pb).get(ldb).add().set(pb);
    b.get(p).i32(1).add().set(p);
  });
  for (let r = 0; r < rows; r++) {
    for (let v = 0; v < lanes; v++) {
      b.get(pcr[r] as number).get(acc[r]?.[v] as number);
      if (scalar) b.f32Store();
      else b.v128Store(16 * v);
    }
  }
  return b;
}

/** Function indices of the micro-kernels in the module: [rows 4 | 1][8 | 4 | 1 columns]. */
const MICRO = [
  [MR, 2], [MR, 1], [MR, 0],
  [1, 2], [1, 1], [1, 0],
] as const;

/** The driver: gemm(m, n, k, a, saM, saK, b, ldb, c, ldc, accumulate), offsets and strides in bytes. */
function driver(): Body {
  const b = new Body(new Array<number>(11).fill(T.i32) as (typeof T.i32)[]);
  const [m, n, k, a, saM, saK, bb, ldb, c, ldc, accumulate] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
  const [jc, jend, kc, kb, first, i, j, pa, pb, pcRow] = Array.from({ length: 10 }, () => b.local(T.i32)) as [number, number, number, number, number, number, number, number, number, number];
  const callTile = (fn: number, width: number): void => {
    whileLoop(b, () => b.get(j).i32(width).add().get(jend).leS(), () => {
      b.get(pa).get(saM).get(saK).get(pb).get(j).i32(2).shl().add().get(ldb).get(pcRow).get(j).i32(2).shl().add().get(ldc).get(kb).get(first).call(fn);
      b.get(j).i32(width).add().set(j);
    });
  };
  const rowTiles = (rows: number, fns: readonly [number, number, number]): void => {
    whileLoop(b, () => b.get(i).i32(rows).add().get(m).leS(), () => {
      b.get(a).get(i).get(saM).mul().add().get(kc).get(saK).mul().add().set(pa);
      b.get(c).get(i).get(ldc).mul().add().set(pcRow);
      b.get(jc).set(j);
      callTile(fns[0], 8);
      callTile(fns[1], 4);
      callTile(fns[2], 1);
      b.get(i).i32(rows).add().set(i);
    });
  };
  b.i32(0).set(jc);
  whileLoop(b, () => b.get(jc).get(n).ltS(), () => {
    b.get(jc).i32(NC).add().tee(jend).get(n).get(jend).get(n).ltS().select().set(jend);
    b.i32(0).set(kc);
    whileLoop(b, () => b.get(kc).get(k).ltS(), () => {
      b.get(k).get(kc).sub().tee(kb).i32(KC).get(kb).i32(KC).leS().select().set(kb);
      b.get(kc).get(accumulate).add().eqz().set(first);
      b.get(bb).get(kc).get(ldb).mul().add().set(pb);
      b.i32(0).set(i);
      rowTiles(MR, [0, 1, 2]);
      rowTiles(1, [3, 4, 5]);
      b.get(kc).i32(KC).add().set(kc);
    });
    b.get(jc).i32(NC).add().set(jc);
  });
  return b;
}

/** The GEMM functions: six micro-kernels (module indices 0–5, as MICRO), then the exported `gemm` driver. */
export function gemmFunctions(): { name?: string; body: Body }[] {
  const functions: { name?: string; body: Body }[] = MICRO.map(([rows, vectors]) => ({ body: microKernel(rows, vectors) }));
  functions.push({ name: 'gemm', body: driver() });
  return functions;
}

/** The GEMM module's bytes for a shared or unshared imported memory of at most `maxPages`. */
export function gemmModuleBytes(shared: boolean, maxPages: number): Uint8Array {
  return encodeModule(gemmFunctions(), shared, maxPages);
}
