// Generates the WASM SIMD kernels of the memory-bound layers on channels-last rows [m, c] (c a multiple of 4):
// column sums into float64 (blocks of 32 rows summed in float32 lanes, then added in float64), batch-norm
// apply/backward, im2row/row2im and ReLU + max-pool 2 with its backward. All pointers are byte offsets.
import { Body, T, whileLoop } from '../../util/wasm-emit.js';

const I = T.i32;
/** Rows summed in float32 before a float64 flush. */
const SUM_BLOCK = 32;

function params(count: number): Body {
  return new Body(new Array<number>(count).fill(I) as (typeof I)[]);
}

/** `for (q = 0; q < cb; q += 16) body()`. */
function lanes(b: Body, q: number, cb: number, body: () => void): void {
  b.i32(0).set(q);
  whileLoop(b, () => b.get(q).get(cb).ltS(), () => {
    body();
    b.get(q).i32(16).add().set(q);
  });
}

/** `for (r = 0; r < m; r++) { body(); each of rowPtrs += cb }`. */
function rows(b: Body, r: number, m: number, cb: number, rowPtrs: readonly number[], body: () => void): void {
  b.i32(0).set(r);
  whileLoop(b, () => b.get(r).get(m).ltS(), () => {
    body();
    for (const p of rowPtrs) b.get(p).get(cb).add().set(p);
    b.get(r).i32(1).add().set(r);
  });
}

/** Loads v128 at local pointer `p` + q. */
function at(b: Body, p: number, q: number): Body {
  return b.get(p).get(q).add().v128Load();
}

/** colsum_<kind>(x, y, m, c, acc, tot): tot[ch] (float64) += Σ_rows of x (sum), (x − y[ch])² (sqdev: y = mean
 * vector) or x·y (prod: y rows); acc is a float32 scratch of c. */
function colSum(kind: 'sum' | 'sqdev' | 'prod'): Body {
  const b = params(6);
  const [x, y, m, c, acc, tot] = [0, 1, 2, 3, 4, 5] as const;
  const [cb, q, r, blk] = [b.local(I), b.local(I), b.local(I), b.local(I)];
  const v = b.local(T.v128);
  b.get(c).i32(2).shl().set(cb);
  lanes(b, q, cb, () => b.get(acc).get(q).add().v128Zero().v128Store());
  const flush = (): void => {
    b.i32(0).set(q);
    whileLoop(b, () => b.get(q).get(cb).ltS(), () => {
      b.get(tot).get(q).i32(1).shl().add();
      b.get(tot).get(q).i32(1).shl().add().f64Load();
      b.get(acc).get(q).add().f32Load().f64PromoteF32().f64Add().f64Store();
      b.get(acc).get(q).add().f32Const0().f32Store();
      b.get(q).i32(4).add().set(q);
    });
    b.i32(0).set(blk);
  };
  rows(b, r, m, cb, kind === 'prod' ? [x, y] : [x], () => {
    lanes(b, q, cb, () => {
      at(b, x, q);
      if (kind === 'sqdev') {
        at(b, y, q).f32x4Sub().tee(v).get(v).f32x4Mul();
      } else if (kind === 'prod') {
        at(b, y, q).f32x4Mul();
      }
      b.set(v);
      b.get(acc).get(q).add();
      at(b, acc, q).get(v).f32x4Add().v128Store();
    });
    b.get(blk).i32(1).add().tee(blk).i32(SUM_BLOCK).geS().if();
    flush();
    b.end();
  });
  flush();
  return b;
}

/** bn_train(y, m, c, mean, invstd, gamma, beta, xhat, out): x̂ = (y − mean)·invstd, out = x̂·γ + β. */
function bnTrain(): Body {
  const b = params(9);
  const [y, m, c, mean, inv, gamma, beta, xhat, out] = [0, 1, 2, 3, 4, 5, 6, 7, 8] as const;
  const [cb, q, r] = [b.local(I), b.local(I), b.local(I)];
  const h = b.local(T.v128);
  b.get(c).i32(2).shl().set(cb);
  rows(b, r, m, cb, [y, xhat, out], () => {
    lanes(b, q, cb, () => {
      at(b, y, q);
      at(b, mean, q).f32x4Sub();
      at(b, inv, q).f32x4Mul().set(h);
      b.get(xhat).get(q).add().get(h).v128Store();
      b.get(out).get(q).add().get(h);
      at(b, gamma, q).f32x4Mul();
      at(b, beta, q).f32x4Add().v128Store();
    });
  });
  return b;
}

/** affine(y, m, c, scale, shift, out): out = y·scale + shift. */
function affine(): Body {
  const b = params(6);
  const [y, m, c, scale, shift, out] = [0, 1, 2, 3, 4, 5] as const;
  const [cb, q, r] = [b.local(I), b.local(I), b.local(I)];
  b.get(c).i32(2).shl().set(cb);
  rows(b, r, m, cb, [y, out], () => {
    lanes(b, q, cb, () => {
      b.get(out).get(q).add();
      at(b, y, q);
      at(b, scale, q).f32x4Mul();
      at(b, shift, q).f32x4Add().v128Store();
    });
  });
  return b;
}

/** bn_back(dy, xhat, m, c, k1, a, bb): dy ← k1·((dy − a) − x̂·bb), in place. */
function bnBack(): Body {
  const b = params(7);
  const [dy, xhat, m, c, k1, a, bb] = [0, 1, 2, 3, 4, 5, 6] as const;
  const [cb, q, r] = [b.local(I), b.local(I), b.local(I)];
  b.get(c).i32(2).shl().set(cb);
  rows(b, r, m, cb, [dy, xhat], () => {
    lanes(b, q, cb, () => {
      b.get(dy).get(q).add();
      at(b, dy, q);
      at(b, a, q).f32x4Sub();
      at(b, xhat, q);
      at(b, bb, q).f32x4Mul().f32x4Sub();
      at(b, k1, q).f32x4Mul().v128Store();
    });
  });
  return b;
}

/** im2row / row2im over NHWC [n, h, w, c]: `back` false copies each pixel's 3×3 neighbourhood into a row of 9·c
 * (zeros outside), true adds the rows back onto dx (which must be zeroed first). `vector`: c % 4 == 0. */
function im2row(back: boolean, vector: boolean): Body {
  const b = params(6);
  const [x, n, h, w, c, rowsPtr] = [0, 1, 2, 3, 4, 5] as const;
  const [cb, s, y, xx, base, col, src, q, yy, xs] = Array.from({ length: 10 }, () => b.local(I)) as [number, number, number, number, number, number, number, number, number, number];
  const step = vector ? 16 : 4;
  b.get(c).i32(2).shl().set(cb);
  b.get(rowsPtr).set(col);
  b.get(x).set(base);
  b.i32(0).set(s);
  whileLoop(b, () => b.get(s).get(n).ltS(), () => {
    b.i32(0).set(y);
    whileLoop(b, () => b.get(y).get(h).ltS(), () => {
      b.i32(0).set(xx);
      whileLoop(b, () => b.get(xx).get(w).ltS(), () => {
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            b.get(y).i32(dy).add().set(yy);
            b.get(xx).i32(dx).add().set(xs);
            b.get(yy).get(h).ltU().get(xs).get(w).ltU().and().if();
            b.get(base).get(yy).get(w).mul().get(xs).add().get(cb).mul().add().set(src);
            b.i32(0).set(q);
            whileLoop(b, () => b.get(q).get(cb).ltS(), () => {
              if (back) {
                b.get(src).get(q).add();
                if (vector) at(b, src, q); else b.get(src).get(q).add().f32Load();
                if (vector) at(b, col, q).f32x4Add().v128Store(); else b.get(col).get(q).add().f32Load().f32Add().f32Store();
              } else {
                b.get(col).get(q).add();
                if (vector) at(b, src, q).v128Store(); else b.get(src).get(q).add().f32Load().f32Store();
              }
              b.get(q).i32(step).add().set(q);
            });
            if (!back) {
              b.else();
              b.i32(0).set(q);
              whileLoop(b, () => b.get(q).get(cb).ltS(), () => {
                b.get(col).get(q).add();
                if (vector) b.v128Zero().v128Store(); else b.f32Const0().f32Store();
                b.get(q).i32(step).add().set(q);
              });
            }
            b.end();
            b.get(col).get(cb).add().set(col);
          }
        }
        b.get(xx).i32(1).add().set(xx);
      });
      b.get(y).i32(1).add().set(y);
    });
    b.get(base).get(h).get(w).mul().get(cb).mul().add().set(base);
    b.get(s).i32(1).add().set(s);
  });
  return b;
}

/** relu_maxpool(z, n, h, w, c, out, arg): out = max over each 2×2 window of relu(z), arg = first argmax (0–3,
 * int32). relu_maxpool_back(z, dout, n, h, w, c, dz, arg): dz at each window's argmax = dout where z > 0, else 0
 * (the floor-mode leftover row/column is not written). */
function maxPool(back: boolean): Body {
  const b = params(back ? 8 : 7);
  // Parameter order: forward (z, n, h, w, c, out, arg); backward (z, dout, n, h, w, c, dz, arg).
  const [z, n, h, w, c, target, arg, dout] = back ? [0, 2, 3, 4, 5, 6, 7, 1] : [0, 1, 2, 3, 4, 5, 6, -1];
  const [cb, row, ho, wo, oy, ox, q, p0, t0, o] = Array.from({ length: 10 }, () => b.local(I)) as [number, number, number, number, number, number, number, number, number, number];
  const [best, am, mask] = [b.local(T.v128), b.local(T.v128), b.local(T.v128)];
  /** Pushes the byte address of window pixel k (0–3, row-major) at lane group q. */
  const addr = (base: number, k: number): void => {
    b.get(base).get(p0).add().get(q).add();
    if (k >= 2) b.get(row).add();
    if (k & 1) b.get(cb).add();
  };
  b.get(c).i32(2).shl().set(cb);
  b.get(w).get(cb).mul().set(row);
  b.get(h).i32(1).shrS().set(ho);
  b.get(w).i32(1).shrS().set(wo);
  b.i32(0).set(o);
  b.i32(0).set(oy);
  whileLoop(b, () => b.get(oy).get(n).get(ho).mul().ltS(), () => {
    // oy = sample·ho + y: the window row starts at pixel row sample·h + 2y.
    b.get(oy).get(ho).divS().get(h).mul().get(oy).get(ho).remS().i32(1).shl().add().get(row).mul().set(t0);
    b.i32(0).set(ox);
    whileLoop(b, () => b.get(ox).get(wo).ltS(), () => {
      b.get(t0).get(ox).i32(1).shl().get(cb).mul().add().set(p0);
      lanes(b, q, cb, () => {
        if (!back) {
          addr(z, 0);
          b.v128Load().v128Zero().f32x4Max().set(best);
          b.i32(0).i32x4Splat().set(am);
          for (let k = 1; k < 4; k++) {
            addr(z, k);
            b.v128Load().get(best).f32x4Gt().set(mask);
            addr(z, k);
            b.v128Load().get(best).get(mask).bitselect().set(best);
            b.i32(k).i32x4Splat().get(am).get(mask).bitselect().set(am);
          }
          b.get(target).get(o).add().get(best).v128Store();
          b.get(arg).get(o).add().get(am).v128Store();
        } else {
          for (let k = 0; k < 4; k++) {
            addr(target, k);
            b.get(dout).get(o).add().v128Load();
            b.get(arg).get(o).add().v128Load().i32(k).i32x4Splat().i32x4Eq();
            addr(z, k);
            b.v128Load().v128Zero().f32x4Gt().v128And().v128And().v128Store();
          }
        }
        b.get(o).i32(16).add().set(o);
      });
      b.get(ox).i32(1).add().set(ox);
    });
    b.get(oy).i32(1).add().set(oy);
  });
  return b;
}

/** The exported memory-bound kernels, in module order after the GEMM functions. */
export function opsFunctions(): { name: string; body: Body }[] {
  return [
    { name: 'colsum_sum', body: colSum('sum') },
    { name: 'colsum_sqdev', body: colSum('sqdev') },
    { name: 'colsum_prod', body: colSum('prod') },
    { name: 'bn_train', body: bnTrain() },
    { name: 'affine', body: affine() },
    { name: 'bn_back', body: bnBack() },
    { name: 'im2row_v', body: im2row(false, true) },
    { name: 'im2row_s', body: im2row(false, false) },
    { name: 'row2im_v', body: im2row(true, true) },
    { name: 'relu_maxpool', body: maxPool(false) },
    { name: 'relu_maxpool_back', body: maxPool(true) },
  ];
}
