// ReLU fused with the pooling that follows it, on channels-last tensors: MaxPool2d(2) (floor mode, PyTorch's
// first-maximum tie rule) and AdaptiveAvgPool2d(1×1), with their backward passes through the ReLU.

/** max-pool 2×2 of relu(z) for z [n, h, w, c] → out [n, ⌊h/2⌋, ⌊w/2⌋, c]; `arg` gets the window position (0–3,
 * row-major) of the first maximum. */
export function reluMaxPoolForward(f: Float32Array, z: number, n: number, h: number, w: number, c: number, out: number, arg: Uint8Array): void {
  const ho = h >> 1;
  const wo = w >> 1;
  let o = 0;
  for (let s = 0; s < n; s++) {
    for (let y = 0; y < ho; y++) {
      for (let x = 0; x < wo; x++) {
        const p0 = z + ((s * h + 2 * y) * w + 2 * x) * c;
        const p2 = p0 + w * c;
        for (let j = 0; j < c; j++, o++) {
          let best = Math.max(0, f[p0 + j] as number);
          let at = 0;
          const v1 = f[p0 + c + j] as number;
          if (v1 > best) { best = v1; at = 1; }
          const v2 = f[p2 + j] as number;
          if (v2 > best) { best = v2; at = 2; }
          const v3 = f[p2 + c + j] as number;
          if (v3 > best) { best = v3; at = 3; }
          f[out + o] = best;
          arg[o] = at;
        }
      }
    }
  }
}

/** Backward of reluMaxPoolForward: dz [n, h, w, c] (overwritten) gets dOut at each window's argmax where z > 0. */
export function reluMaxPoolBackward(f: Float32Array, z: number, dOut: number, n: number, h: number, w: number, c: number, dz: number, arg: Uint8Array): void {
  f.fill(0, dz, dz + n * h * w * c);
  const ho = h >> 1;
  const wo = w >> 1;
  let o = 0;
  for (let s = 0; s < n; s++) {
    for (let y = 0; y < ho; y++) {
      for (let x = 0; x < wo; x++) {
        const p0 = ((s * h + 2 * y) * w + 2 * x) * c;
        for (let j = 0; j < c; j++, o++) {
          const at = arg[o] as number;
          const p = p0 + ((at >> 1) * w + (at & 1)) * c + j;
          if ((f[z + p] as number) > 0) f[dz + p] = f[dOut + o] as number;
        }
      }
    }
  }
}

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
