// ReLU fused with the AdaptiveAvgPool2d(1×1) that follows it on channels-last tensors, and its backward pass
// (the max-pool counterpart is a kernel: kernels/kernels.ts, reluMaxPool).

/** Mean over h·w of relu(z) for z [n, hw, c] → out [n, c]. */
export function reluAvgPoolForward(f: Float32Array, z: number, n: number, hw: number, c: number, out: number): void {
  const sum = new Float64Array(c);
  for (let s = 0; s < n; s++) {
    sum.fill(0);
    for (let r = 0, p = z + s * hw * c; r < hw; r++, p += c) for (let j = 0; j < c; j++) sum[j] = (sum[j] as number) + Math.max(0, f[p + j] as number);
    for (let j = 0; j < c; j++) f[out + s * c + j] = (sum[j] as number) / hw;
  }
}

/** Backward of reluAvgPoolForward: dz [n, hw, c] = dOut / hw where z > 0. */
export function reluAvgPoolBackward(f: Float32Array, z: number, dOut: number, n: number, hw: number, c: number, dz: number): void {
  for (let s = 0; s < n; s++) {
    for (let r = 0, p = s * hw * c; r < hw; r++, p += c) {
      for (let j = 0; j < c; j++) f[dz + p + j] = (f[z + p + j] as number) > 0 ? (f[dOut + s * c + j] as number) / hw : 0;
    }
  }
}
