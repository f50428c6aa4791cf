// Radix-2 complex FFT (Cooley & Tukey 1965): a plan per power-of-two size with per-stage contiguous twiddles and
// the bit-reversal swaps precomputed; two stages fused per pass. Allocate once, transform many frames.

/** An FFT plan for one power-of-two size: allocate once, transform many frames without allocating. */
export class Fft {
  readonly size: number;
  /** Twiddles of stage `half` at [half + k], k < half: cos(πk/half) and −sin(πk/half). */
  private readonly twRe: Float64Array;
  private readonly twIm: Float64Array;
  private readonly twImInv: Float64Array;
  /** Pairs (i, j), i < j, swapped by the bit-reversal permutation. */
  private readonly swaps: Uint32Array;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 2 || (size & (size - 1)) !== 0) {
      throw new RangeError(`Fft: size must be a power of two ≥ 2, got ${size}`);
    }
    this.size = size;
    this.twRe = new Float64Array(size);
    this.twIm = new Float64Array(size);
    this.twImInv = new Float64Array(size);
    for (let half = 1; half < size; half *= 2) {
      const step = size / (2 * half);
      for (let k = 0; k < half; k++) {
        const m = k * step;
        this.twRe[half + k] = Math.cos((2 * Math.PI * m) / size);
        this.twIm[half + k] = -Math.sin((2 * Math.PI * m) / size);
        this.twImInv[half + k] = -1 * this.twIm[half + k]!;
      }
    }
    this.swaps = bitReversalSwaps(size);
  }

  /** In-place forward transform X[k] = Σ x[n]·e^(−2πikn/N) of (re, im); `inverse` uses +i and divides by N. */
  transform(re: Float64Array, im: Float64Array, inverse = false): void {
    const n = this.size;
    if (re.length !== n || im.length !== n) throw new RangeError(`Fft: expected arrays of length ${n}`);
    const swaps = this.swaps;
    for (let s = 0; s < swaps.length; s += 2) {
      const i = swaps[s]!, j = swaps[s + 1]!;
      const tr = re[i]!, ti = im[i]!;
      re[i] = re[j]!; im[i] = im[j]!;
      re[j] = tr; im[j] = ti;
    }
    // Stage 1: twiddle (1, ∓0), exact as a plain sum and difference.
    for (let a = 0; a < n; a += 2) {
      const br = re[a + 1]!, bi = im[a + 1]!, ar = re[a]!, ai = im[a]!;
      re[a + 1] = ar - br; im[a + 1] = ai - bi;
      re[a] = ar + br; im[a] = ai + bi;
    }
    const twRe = this.twRe, twIm = inverse ? this.twImInv : this.twIm;
    let half = 2;
    for (; 2 * half < n; half *= 4) fusedButterflies(re, im, n, half, twRe, twIm);
    if (half < n) butterflies(re, im, n, half, twRe, twIm);
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

/** One radix-2 stage of butterflies of span `half` (twiddle loaded once per k). */
function butterflies(re: Float64Array, im: Float64Array, n: number, half: number, twRe: Float64Array, twIm: Float64Array): void {
  const span = 2 * half;
  for (let k = 0; k < half; k++) {
    const wr = twRe[half + k]!, wi = twIm[half + k]!;
    for (let a = k; a < n; a += span) {
      const b = a + half;
      const br = re[b]!, bi = im[b]!;
      const xr = br * wr - bi * wi;
      const xi = br * wi + bi * wr;
      const ar = re[a]!, ai = im[a]!;
      re[b] = ar - xr; im[b] = ai - xi;
      re[a] = ar + xr; im[a] = ai + xi;
    }
  }
}

/**
 * Two radix-2 stages (spans `half` and 2·half) in one pass over each group of four points; every butterfly is
 * the same operation as in `butterflies`, so results are bit-identical to running the two stages separately.
 */
function fusedButterflies(re: Float64Array, im: Float64Array, n: number, half: number, twRe: Float64Array, twIm: Float64Array): void {
  const span = 4 * half, h2 = 2 * half;
  for (let k = 0; k < half; k++) {
    const w1r = twRe[half + k]!, w1i = twIm[half + k]!;
    const w2r = twRe[h2 + k]!, w2i = twIm[h2 + k]!, w3r = twRe[h2 + half + k]!, w3i = twIm[h2 + half + k]!;
    for (let i0 = k; i0 < n; i0 += span) {
      const i1 = i0 + half, i2 = i1 + half, i3 = i2 + half;
      let r0 = re[i0]!, j0 = im[i0]!, r1 = re[i1]!, j1 = im[i1]!;
      let r2 = re[i2]!, j2 = im[i2]!, r3 = re[i3]!, j3 = im[i3]!;
      let xr = r1 * w1r - j1 * w1i, xi = r1 * w1i + j1 * w1r;
      r1 = r0 - xr; j1 = j0 - xi; r0 = r0 + xr; j0 = j0 + xi;
      xr = r3 * w1r - j3 * w1i; xi = r3 * w1i + j3 * w1r;
      r3 = r2 - xr; j3 = j2 - xi; r2 = r2 + xr; j2 = j2 + xi;
      xr = r2 * w2r - j2 * w2i; xi = r2 * w2i + j2 * w2r;
      re[i2] = r0 - xr; im[i2] = j0 - xi; re[i0] = r0 + xr; im[i0] = j0 + xi;
      xr = r3 * w3r - j3 * w3i; xi = r3 * w3i + j3 * w3r;
      re[i3] = r1 - xr; im[i3] = j1 - xi; re[i1] = r1 + xr; im[i1] = j1 + xi;
    }
  }
}

/** Index pairs (i, j), i < j, of the bit-reversal permutation of size n, flattened. */
function bitReversalSwaps(n: number): Uint32Array {
  const bits = Math.log2(n);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let b = 0; b < bits; b++) r |= ((i >>> b) & 1) << (bits - 1 - b);
    if (r > i) out.push(i, r);
  }
  return Uint32Array.from(out);
}
