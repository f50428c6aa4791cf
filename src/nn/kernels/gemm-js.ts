// Reference GEMM in TypeScript, the fallback of the WASM kernel and its test oracle: C (+)= A·B with each product
// rounded to float32 and summed in k order, so that it is bit-identical to the WASM kernel (which does the same
// with f32x4 mul + add; no fused multiply-add).

/** C[m×n] (+)= A·B over float indices into `f`: A(i,k) at a + i·saM + k·saK, B(k,j) at b + k·ldb + j,
 * C(i,j) at c + i·ldc + j. `accumulate` false overwrites C. */
export function gemmJs(f: Float32Array, m: number, n: number, k: number, a: number, saM: number, saK: number, b: number, ldb: number, c: number, ldc: number, accumulate: boolean): void {
  for (let i = 0; i < m; i++) {
    const ci = c + i * ldc;
    if (!accumulate) f.fill(0, ci, ci + n);
    let ai = a + i * saM;
    for (let p = 0; p < k; p++, ai += saK) {
      const aik = f[ai] as number;
      const bp = b + p * ldb;
      for (let j = 0; j < n; j++) f[ci + j] = (f[ci + j] as number) + Math.fround(aik * (f[bp + j] as number));
    }
  }
}
