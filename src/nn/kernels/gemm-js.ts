// Reference GEMM in TypeScript, the fallback of the WASM kernel and its test oracle: C (+)= A·B with each product
// rounded to float32 and summed in k order, so that it is bit-identical to the WASM kernel (which does the same
// with f32x4 mul + add; no fused multiply-add). Rows go in fours so that each B row is read once per four rows.

/** C[m×n] (+)= A·B over float indices into `f`: A(i,k) at a + i·saM + k·saK, B(k,j) at b + k·ldb + j,
 * C(i,j) at c + i·ldc + j. `accumulate` false overwrites C. */
export function gemmJs(f: Float32Array, m: number, n: number, k: number, a: number, saM: number, saK: number, b: number, ldb: number, c: number, ldc: number, accumulate: boolean): void {
  const fr = Math.fround;
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const c0 = c + i * ldc;
    const c1 = c0 + ldc;
    const c2 = c1 + ldc;
    const c3 = c2 + ldc;
    if (!accumulate) f.fill(0, c0, c0 + n), f.fill(0, c1, c1 + n), f.fill(0, c2, c2 + n), f.fill(0, c3, c3 + n);
    let ai = a + i * saM;
    for (let p = 0; p < k; p++, ai += saK) {
      const a0 = f[ai] as number;
      const a1 = f[ai + saM] as number;
      const a2 = f[ai + 2 * saM] as number;
      const a3 = f[ai + 3 * saM] as number;
      const bp = b + p * ldb;
      for (let j = 0; j < n; j++) {
        const bj = f[bp + j] as number;
        f[c0 + j] = (f[c0 + j] as number) + fr(a0 * bj);
        f[c1 + j] = (f[c1 + j] as number) + fr(a1 * bj);
        f[c2 + j] = (f[c2 + j] as number) + fr(a2 * bj);
        f[c3 + j] = (f[c3 + j] as number) + fr(a3 * bj);
      }
    }
  }
  for (; i < m; i++) {
    const ci = c + i * ldc;
    if (!accumulate) f.fill(0, ci, ci + n);
    let ai = a + i * saM;
    for (let p = 0; p < k; p++, ai += saK) {
      const aik = f[ai] as number;
      const bp = b + p * ldb;
      for (let j = 0; j < n; j++) f[ci + j] = (f[ci + j] as number) + fr(aik * (f[bp + j] as number));
    }
  }
}
