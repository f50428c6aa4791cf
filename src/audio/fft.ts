// Radix-2 complex FFT with precomputed twiddles and bit-reversal tables (Cooley & Tukey 1965), reused per size.

/** An FFT plan for one power-of-two size: allocate once, transform many frames without allocating. */
export class Fft {
  readonly size: number;
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly bitReversed: Uint32Array;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 2 || (size & (size - 1)) !== 0) {
      throw new RangeError(`Fft: size must be a power of two ≥ 2, got ${size}`);
    }
    this.size = size;
    this.cos = new Float64Array(size / 2);
    this.sin = new Float64Array(size / 2);
    for (let k = 0; k < size / 2; k++) {
      this.cos[k] = Math.cos((2 * Math.PI * k) / size);
      this.sin[k] = -Math.sin((2 * Math.PI * k) / size);
    }
    this.bitReversed = new Uint32Array(size);
    const bits = Math.log2(size);
    for (let i = 0; i < size; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >>> b) & 1) << (bits - 1 - b);
      this.bitReversed[i] = r;
    }
  }

  /** In-place forward transform X[k] = Σ x[n]·e^(−2πikn/N) of (re, im); `inverse` uses +i and divides by N. */
  transform(re: Float64Array, im: Float64Array, inverse = false): void {
    const n = this.size;
    if (re.length !== n || im.length !== n) throw new RangeError(`Fft: expected arrays of length ${n}`);
    for (let i = 0; i < n; i++) {
      const j = this.bitReversed[i]!;
      if (j > i) {
        const tr = re[i]!, ti = im[i]!;
        re[i] = re[j]!; im[i] = im[j]!;
        re[j] = tr; im[j] = ti;
      }
    }
    const sign = inverse ? -1 : 1;
    for (let half = 1; half < n; half *= 2) {
      const step = n / (2 * half);
      for (let start = 0; start < n; start += 2 * half) {
        for (let k = 0; k < half; k++) {
          const wr = this.cos[k * step]!, wi = sign * this.sin[k * step]!;
          const a = start + k, b = a + half;
          const xr = re[b]! * wr - im[b]! * wi;
          const xi = re[b]! * wi + im[b]! * wr;
          re[b] = re[a]! - xr; im[b] = im[a]! - xi;
          re[a] = re[a]! + xr; im[a] = im[a]! + xi;
        }
      }
    }
    if (inverse) {
      for (let i = 0; i < n; i++) { re[i] = re[i]! / n; im[i] = im[i]! / n; }
    }
  }

  /** Power spectrum |X[k]|², k = 0..N/2, of a real frame (zero-padded to N); `scratch` arrays are reused. */
  powerSpectrum(frame: ArrayLike<number>, out: Float64Array, scratchRe: Float64Array, scratchIm: Float64Array): void {
    const n = this.size;
    if (frame.length > n) throw new RangeError(`Fft: frame of ${frame.length} exceeds size ${n}`);
    if (out.length !== n / 2 + 1) throw new RangeError(`Fft: output must hold ${n / 2 + 1} bins`);
    for (let i = 0; i < n; i++) { scratchRe[i] = i < frame.length ? frame[i]! : 0; scratchIm[i] = 0; }
    this.transform(scratchRe, scratchIm);
    for (let k = 0; k <= n / 2; k++) out[k] = scratchRe[k]! * scratchRe[k]! + scratchIm[k]! * scratchIm[k]!;
  }
}
