// Power spectrum of real frames through a half-size complex FFT (the "two-for-one" packing of even and odd samples).
// Reference: E. O. Brigham, "The Fast Fourier Transform and its Applications" (1988), §9.3 (real-valued sequences).
// The half-size complex transform is the project's one complex FFT (`fft.ts`).
import { Fft } from './fft.js';

/** A plan for real frames of one power-of-two size n ≥ 4: `powerSpectrum` gives |X[k]|², k = 0..n/2, no allocation. */
export class RealFft {
  readonly size: number;
  private readonly half: number;
  private readonly fft: Fft;
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
    this.fft = new Fft(m);
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
    const re = this.re, im = this.im;
    for (let j = 0; j < m; j++) {
      re[j] = frame[2 * j]!;
      im[j] = frame[2 * j + 1]!;
    }
    this.fft.transform(re, im);
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
}
