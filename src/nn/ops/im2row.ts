// 3×3, stride 1, zero-padding 1 convolution as a matrix product on channels-last (NHWC) tensors: im2row lays out
// every output pixel's 3×3×Cin neighbourhood as one row (column order kh, kw, ci), row2im adds such rows back.

/** Rows [n·h·w, 9·c] at `out` from the NHWC tensor [n, h, w, c] at `x` (zeros outside the image). */
export function im2row(f: Float32Array, x: number, n: number, h: number, w: number, c: number, out: number): void {
  const k = 9 * c;
  let row = out;
  for (let s = 0; s < n; s++) {
    const base = x + s * h * w * c;
    for (let y = 0; y < h; y++) {
      for (let xx = 0; xx < w; xx++, row += k) {
        let col = row;
        for (let dy = -1; dy <= 1; dy++) {
          const yy = y + dy;
          for (let dx = -1; dx <= 1; dx++, col += c) {
            const xs = xx + dx;
            if (yy < 0 || yy >= h || xs < 0 || xs >= w) {
              f.fill(0, col, col + c);
            } else {
              const src = base + (yy * w + xs) * c;
              for (let ci = 0; ci < c; ci++) f[col + ci] = f[src + ci] as number;
            }
          }
        }
      }
    }
  }
}

/** Adds rows [n·h·w, 9·c] at `rows` back onto the NHWC gradient [n, h, w, c] at `dx` (overwritten). */
export function row2im(f: Float32Array, rows: number, n: number, h: number, w: number, c: number, dx: number): void {
  const k = 9 * c;
  f.fill(0, dx, dx + n * h * w * c);
  let row = rows;
  for (let s = 0; s < n; s++) {
    const base = dx + s * h * w * c;
    for (let y = 0; y < h; y++) {
      for (let xx = 0; xx < w; xx++, row += k) {
        let col = row;
        for (let dy = -1; dy <= 1; dy++) {
          const yy = y + dy;
          for (let dxo = -1; dxo <= 1; dxo++, col += c) {
            const xs = xx + dxo;
            if (yy < 0 || yy >= h || xs < 0 || xs >= w) continue;
            const dst = base + (yy * w + xs) * c;
            for (let ci = 0; ci < c; ci++) f[dst + ci] = (f[dst + ci] as number) + (f[col + ci] as number);
          }
        }
      }
    }
  }
}
