// Power spectrum of real frames through a half-size complex FFT (the "two-for-one" packing of even and odd samples).
// Reference: E. O. Brigham, "The Fast Fourier Transform and its Applications" (1988), §9.3 (real-valued sequences);
// radix-2 decimation in time, Cooley & Tukey (1965), with per-stage contiguous twiddle tables.

/** A plan for real frames of one power-of-two size n ≥ 4: `powerSpectrum` gives |X[k]|², k = 0..n/2, no allocation. */
export class RealFft {
  readonly size: number;
  private readonly half: number;
  private readonly bitReversed: Uint32Array;
  /** Twiddles of stage with butterfly span h at [h, 2h): e^(−2πik/2h), k < h. */
  private readonly stageCos: Float64Array;
  private readonly stageSin: Float64Array;
  /** e^(−2πik/n), k ≤ n/2, to split the half-size transform into the real one. */
  private readonly splitCos: Float64Array;
  private readonly splitSin: Float64Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 4 || (size & (size - 1)) !== 0) {
      throw new RangeError(`RealFft: size must be a power of two ≥ 4, got ${size}`);
    }
    this.size = size;
    const m = size / 2;
    this.half = m;
    this.bitReversed = new Uint32Array(m);
    const bits = Math.log2(m);
    for (let i = 0; i < m; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >>> b) & 1) << (bits - 1 - b);
      this.bitReversed[i] = r;
    }
    this.stageCos = new Float64Array(Math.max(m, 2));
    this.stageSin = new Float64Array(Math.max(m, 2));
    for (let h = 1; h < m; h *= 2) {
      for (let k = 0; k < h; k++) {
        this.stageCos[h + k] = Math.cos((Math.PI * k) / h);
        this.stageSin[h + k] = -Math.sin((Math.PI * k) / h);
      }
    }
    this.splitCos = new Float64Array(m + 1);
    this.splitSin = new Float64Array(m + 1);
    for (let k = 0; k <= m; k++) {
      this.splitCos[k] = Math.cos((2 * Math.PI * k) / size);
      this.splitSin[k] = -Math.sin((2 * Math.PI * k) / size);
    }
    this.re = new Float64Array(m);
    this.im = new Float64Array(m);
  }

  /** Writes |X[k]|² of the real frame (length n) into `out` (length n/2 + 1). */
  powerSpectrum(frame: Float64Array, out: Float64Array): void {
    const m = this.half;
    if (frame.length !== this.size) throw new RangeError(`RealFft: frame must have ${this.size} samples, got ${frame.length}`);
    if (out.length !== m + 1) throw new RangeError(`RealFft: output must hold ${m + 1} bins, got ${out.length}`);
    const re = this.re, im = this.im, rev = this.bitReversed;
    for (let j = 0; j < m; j++) {
      const r = rev[j]!;
      re[r] = frame[2 * j]!;
      im[r] = frame[2 * j + 1]!;
    }
    this.complexInPlace();
    // Z = FFT(even + i·odd): E[k] = (Z[k] + conj Z[m−k]) / 2, O[k] = (Z[k] − conj Z[m−k]) / 2i, X[k] = E[k] + W^k O[k].
    const c = this.splitCos, s = this.splitSin;
    for (let k = 0; k <= m; k++) {
      const a = k === m ? 0 : k, b = k === 0 ? 0 : m - k;
      const zr = re[a]!, zi = im[a]!, wr = re[b]!, wi = -im[b]!;
      const er = 0.5 * (zr + wr), ei = 0.5 * (zi + wi);
      const or = 0.5 * (zi - wi), oi = -0.5 * (zr - wr);
      const xr = er + c[k]! * or - s[k]! * oi;
      const xi = ei + c[k]! * oi + s[k]! * or;
      out[k] = xr * xr + xi * xi;
    }
  }

  private complexInPlace(): void {
    const m = this.half, re = this.re, im = this.im, tc = this.stageCos, ts = this.stageSin;
    for (let i = 0; i < m; i += 2) {
      const ar = re[i]!, ai = im[i]!, br = re[i + 1]!, bi = im[i + 1]!;
      re[i] = ar + br; im[i] = ai + bi;
      re[i + 1] = ar - br; im[i + 1] = ai - bi;
    }
    let h = 2;
    // Two radix-2 stages (spans h and 2h) per pass: each value is loaded and stored once for both.
    for (; 4 * h <= m; h *= 4) {
      for (let k = 0; k < h; k++) {
        const w1r = tc[h + k]!, w1i = ts[h + k]!, w2r = tc[2 * h + k]!, w2i = ts[2 * h + k]!;
        for (let a0 = k; a0 < m; a0 += 4 * h) {
          const a1 = a0 + h, a2 = a1 + h, a3 = a2 + h;
          const x1r = re[a1]! * w1r - im[a1]! * w1i, x1i = re[a1]! * w1i + im[a1]! * w1r;
          const x3r = re[a3]! * w1r - im[a3]! * w1i, x3i = re[a3]! * w1i + im[a3]! * w1r;
          const y0r = re[a0]! + x1r, y0i = im[a0]! + x1i, y1r = re[a0]! - x1r, y1i = im[a0]! - x1i;
          const y2r = re[a2]! + x3r, y2i = im[a2]! + x3i, y3r = re[a2]! - x3r, y3i = im[a2]! - x3i;
          // Span 2h: twiddle w2 for (a0, a2) and w2·(−i) for (a1, a3).
          const u2r = y2r * w2r - y2i * w2i, u2i = y2r * w2i + y2i * w2r;
          const u3r = y3r * w2i + y3i * w2r, u3i = y3i * w2i - y3r * w2r;
          re[a0] = y0r + u2r; im[a0] = y0i + u2i; re[a2] = y0r - u2r; im[a2] = y0i - u2i;
          re[a1] = y1r + u3r; im[a1] = y1i + u3i; re[a3] = y1r - u3r; im[a3] = y1i - u3i;
        }
      }
    }
    for (; h < m; h *= 2) {
      for (let k = 0; k < h; k++) {
        const wr = tc[h + k]!, wi = ts[h + k]!;
        for (let a = k; a < m; a += 2 * h) {
          const b = a + h;
          const xr = re[b]! * wr - im[b]! * wi;
          const xi = re[b]! * wi + im[b]! * wr;
          re[b] = re[a]! - xr; im[b] = im[a]! - xi;
          re[a] = re[a]! + xr; im[a] = im[a]! + xi;
        }
      }
    }
  }
}
