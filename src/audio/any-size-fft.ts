// Complex FFT of any length whose prime factors are small (e.g. 400 = 2⁴·5², torchaudio's default n_fft), by
// recursive mixed-radix decimation in time. Reference: J. W. Cooley and J. W. Tukey (1965); C. Temperton, "Self-sorting
// mixed-radix fast Fourier transforms", J. Comput. Phys. 52 (1983). Generic radix-p butterflies cost O(p²) per group,
// so lengths with a large prime factor are slow but still exact. The project's power-of-two FFT stays in `fft.ts`.

/** Splits n into prime factors, 4s first (fewer passes), then ascending primes. */
function factorize(n: number): number[] {
  const factors: number[] = [];
  let rest = n;
  while (rest % 4 === 0) {
    factors.push(4);
    rest /= 4;
  }
  for (let p = 2; rest > 1; p++) {
    while (rest % p === 0) {
      factors.push(p);
      rest /= p;
    }
    if (p * p > rest && rest > 1) {
      factors.push(rest);
      break;
    }
  }
  return factors;
}

/** A plan for one length: `transform(re, im)` replaces the arrays with their DFT X[k] = Σ x[n]·e^(−2πikn/N). */
export class AnySizeFft {
  readonly size: number;
  private readonly factors: number[];
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly outRe: Float64Array;
  private readonly outIm: Float64Array;
  private readonly tRe: Float64Array;
  private readonly tIm: Float64Array;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`AnySizeFft: size must be an integer ≥ 1, got ${size}`);
    this.size = size;
    this.factors = factorize(size);
    this.cos = new Float64Array(size);
    this.sin = new Float64Array(size);
    for (let j = 0; j < size; j++) {
      this.cos[j] = Math.cos((2 * Math.PI * j) / size);
      this.sin[j] = -Math.sin((2 * Math.PI * j) / size);
    }
    this.outRe = new Float64Array(size);
    this.outIm = new Float64Array(size);
    const maxFactor = Math.max(1, ...this.factors);
    this.tRe = new Float64Array(maxFactor);
    this.tIm = new Float64Array(maxFactor);
  }

  /** In-place forward transform of (re, im), both of length `size`. */
  transform(re: Float64Array, im: Float64Array): void {
    if (re.length !== this.size || im.length !== this.size) throw new RangeError(`AnySizeFft: arrays must have ${this.size} values`);
    this.pass(re, im, this.size, 1, 0, 0, 0);
    re.set(this.outRe);
    im.set(this.outIm);
  }

  /** DFT of the n inputs x[inOffset + j·stride] into out[outOffset … outOffset + n − 1]. */
  private pass(re: Float64Array, im: Float64Array, n: number, stride: number, inOffset: number, outOffset: number, level: number): void {
    const oRe = this.outRe, oIm = this.outIm;
    if (n === 1) {
      oRe[outOffset] = re[inOffset]!;
      oIm[outOffset] = im[inOffset]!;
      return;
    }
    const p = this.factors[level]!;
    const m = n / p;
    for (let q = 0; q < p; q++) this.pass(re, im, m, stride * p, inOffset + q * stride, outOffset + q * m, level + 1);
    const N = this.size, c = this.cos, s = this.sin, tRe = this.tRe, tIm = this.tIm;
    for (let k = 0; k < m; k++) {
      // t_q = Y_q[k]·W_n^(qk) with W_n = W_N^stride; q·k·stride < N since q < p and k < m.
      const step = k * stride;
      for (let q = 0, w = 0; q < p; q++, w += step) {
        const at = outOffset + q * m + k;
        const yr = oRe[at]!, yi = oIm[at]!;
        tRe[q] = yr * c[w]! - yi * s[w]!;
        tIm[q] = yr * s[w]! + yi * c[w]!;
      }
      const base = outOffset + k;
      if (p === 4) {
        const ar = tRe[0]! + tRe[2]!, ai = tIm[0]! + tIm[2]!, br = tRe[0]! - tRe[2]!, bi = tIm[0]! - tIm[2]!;
        const cr = tRe[1]! + tRe[3]!, ci = tIm[1]! + tIm[3]!, dr = tRe[1]! - tRe[3]!, di = tIm[1]! - tIm[3]!;
        oRe[base] = ar + cr;
        oIm[base] = ai + ci;
        oRe[base + m] = br + di; // b − i·d
        oIm[base + m] = bi - dr;
        oRe[base + 2 * m] = ar - cr;
        oIm[base + 2 * m] = ai - ci;
        oRe[base + 3 * m] = br - di; // b + i·d
        oIm[base + 3 * m] = bi + dr;
      } else if (p === 2) {
        oRe[base] = tRe[0]! + tRe[1]!;
        oIm[base] = tIm[0]! + tIm[1]!;
        oRe[base + m] = tRe[0]! - tRe[1]!;
        oIm[base + m] = tIm[0]! - tIm[1]!;
      } else {
        const rootStep = N / p; // W_p = W_N^(N/p)
        for (let u = 0; u < p; u++) {
          let sr = 0, si = 0;
          for (let q = 0, w = 0; q < p; q++, w = (w + u * rootStep) % N) {
            sr += tRe[q]! * c[w]! - tIm[q]! * s[w]!;
            si += tRe[q]! * s[w]! + tIm[q]! * c[w]!;
          }
          oRe[base + u * m] = sr;
          oIm[base + u * m] = si;
        }
      }
    }
  }
}
