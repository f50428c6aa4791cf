// TypeScript versions of the memory-bound kernels (the fallback backend; same float32 operations per element as
// the WASM kernels, sums in float64).
import type { Arena } from './arena.js';
import type { RowOps } from './kernels.js';
import { im2row, row2im } from '../ops/im2row.js';

/** RowOps on the calling thread over `arena`. */
export function jsRowOps(arena: Arena): RowOps {
  const fr = Math.fround;
  const colReduce = (m: number, c: number, term: (p: number, j: number) => number): Float64Array => {
    const out = new Float64Array(c);
    for (let r = 0, p = 0; r < m; r++, p += c) for (let j = 0; j < c; j++) out[j] = (out[j] as number) + term(p, j);
    return out;
  };
  return {
    colSum(x, m, c) {
      const f = arena.f32;
      return colReduce(m, c, (p, j) => f[x + p + j] as number);
    },
    colSumSqDev(x, m, c, mean) {
      const f = arena.f32;
      return colReduce(m, c, (p, j) => {
        const d = fr((f[x + p + j] as number) - (mean[j] as number));
        return fr(d * d);
      });
    },
    colSumProd(x, y, m, c) {
      const f = arena.f32;
      return colReduce(m, c, (p, j) => fr((f[x + p + j] as number) * (f[y + p + j] as number)));
    },
    bnTrain(y, m, c, mean, invStd, gamma, beta, xhat, out) {
      const f = arena.f32;
      for (let r = 0, p = 0; r < m; r++, p += c) {
        for (let j = 0; j < c; j++) {
          const h = fr(fr((f[y + p + j] as number) - (mean[j] as number)) * (invStd[j] as number));
          f[xhat + p + j] = h;
          f[out + p + j] = fr(h * (gamma[j] as number)) + (beta[j] as number);
        }
      }
    },
    affine(y, m, c, scale, shift, out) {
      const f = arena.f32;
      for (let r = 0, p = 0; r < m; r++, p += c) for (let j = 0; j < c; j++) f[out + p + j] = fr((f[y + p + j] as number) * (scale[j] as number)) + (shift[j] as number);
    },
    bnBack(dy, xhat, m, c, k1, a, b) {
      const f = arena.f32;
      for (let r = 0, p = 0; r < m; r++, p += c) {
        for (let j = 0; j < c; j++) {
          const t = fr(fr((f[dy + p + j] as number) - (a[j] as number)) - fr((f[xhat + p + j] as number) * (b[j] as number)));
          f[dy + p + j] = t * (k1[j] as number);
        }
      }
    },
    im2row: (x, n, h, w, c, out) => im2row(arena.f32, x, n, h, w, c, out),
    row2im: (rows, n, h, w, c, dx) => row2im(arena.f32, rows, n, h, w, c, dx),
    reluMaxPool(z, n, h, w, c, out, arg) {
      const f = arena.f32;
      const ints = new Int32Array(f.buffer);
      const ho = h >> 1;
      const wo = w >> 1;
      let o = 0;
      for (let s = 0; s < n; s++) {
        for (let y = 0; y < ho; y++) {
          for (let x = 0; x < wo; x++) {
            const p0 = z + ((s * h + 2 * y) * w + 2 * x) * c;
            for (let j = 0; j < c; j++, o++) {
              let best = Math.max(0, f[p0 + j] as number);
              let at = 0;
              for (let k = 1; k < 4; k++) {
                const v = f[p0 + (k >> 1) * w * c + (k & 1) * c + j] as number;
                if (v > best) {
                  best = v;
                  at = k;
                }
              }
              f[out + o] = best;
              ints[arg + o] = at;
            }
          }
        }
      }
    },
    reluMaxPoolBack(z, dout, n, h, w, c, dz, arg) {
      const f = arena.f32;
      const ints = new Int32Array(f.buffer);
      f.fill(0, dz, dz + n * h * w * c);
      const ho = h >> 1;
      const wo = w >> 1;
      let o = 0;
      for (let s = 0; s < n; s++) {
        for (let y = 0; y < ho; y++) {
          for (let x = 0; x < wo; x++) {
            const p0 = ((s * h + 2 * y) * w + 2 * x) * c;
            for (let j = 0; j < c; j++, o++) {
              const at = ints[arg + o] as number;
              const p = p0 + ((at >> 1) * w + (at & 1)) * c + j;
              if ((f[z + p] as number) > 0) f[dz + p] = f[dout + o] as number;
            }
          }
        }
      }
    },
  };
}
