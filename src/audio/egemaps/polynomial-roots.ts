// Roots of a real polynomial as the eigenvalues of its companion matrix: balancing (Parlett & Reinsch 1969)
// then the Francis double-shift QR iteration on the upper Hessenberg matrix (Wilkinson & Reinsch 1971,
// Handbook for Automatic Computation II, procedure hqr; Golub & Van Loan, Matrix Computations, Alg. 7.5.2).

/**
 * Roots of c[0]·z^n + c[1]·z^(n−1) + … + c[n] (c[0] ≠ 0). Writes real parts to `re`, imaginary parts to `im`
 * (n values each). Returns false if the QR iteration did not converge.
 */
export function polynomialRoots(c: Float64Array, re: Float64Array, im: Float64Array): boolean {
  const n = c.length - 1;
  if (n < 1 || c[0] === 0) throw new RangeError('polynomialRoots: need degree ≥ 1 and a non-zero leading coefficient');
  if (re.length < n || im.length < n) throw new RangeError('polynomialRoots: output arrays too short');
  const a = new Float64Array(n * n);
  for (let j = 0; j < n; j++) a[j] = -c[j + 1]! / c[0]!;
  for (let i = 1; i < n; i++) a[i * n + i - 1] = 1;
  balance(a, n);
  return hessenbergEigenvalues(a, n, re, im);
}

/** Balances a square matrix in place by powers of 2 so rows and columns have comparable norms. */
export function balance(a: Float64Array, n: number): void {
  const radix = 2, sq = radix * radix;
  let done = false;
  while (!done) {
    done = true;
    for (let i = 0; i < n; i++) {
      let r = 0, c = 0;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        c += Math.abs(a[j * n + i]!);
        r += Math.abs(a[i * n + j]!);
      }
      if (c === 0 || r === 0) continue;
      const s = c + r;
      let f = 1, g = r / radix;
      while (c < g) { f *= radix; c *= sq; }
      g = r * radix;
      while (c > g) { f /= radix; c /= sq; }
      if ((c + r) / f < 0.95 * s) {
        done = false;
        for (let j = 0; j < n; j++) a[i * n + j] = a[i * n + j]! / f;
        for (let j = 0; j < n; j++) a[j * n + i] = a[j * n + i]! * f;
      }
    }
  }
}

/** Eigenvalues of an upper Hessenberg matrix (row-major, destroyed) by shifted double-step QR. */
export function hessenbergEigenvalues(a: Float64Array, n: number, wr: Float64Array, wi: Float64Array): boolean {
  let norm = 0;
  for (let i = 0; i < n; i++) for (let j = Math.max(i - 1, 0); j < n; j++) norm += Math.abs(a[(i) * n + (j)]!);
  let nn = n - 1;
  let t = 0;
  while (nn >= 0) {
    let its = 0;
    let l: number;
    do {
      // Look for a negligible subdiagonal element that splits the matrix.
      for (l = nn; l >= 1; l--) {
        let s = Math.abs(a[(l - 1) * n + (l - 1)]!) + Math.abs(a[(l) * n + (l)]!);
        if (s === 0) s = norm;
        if (Math.abs(a[(l) * n + (l - 1)]!) + s === s) { a[(l) * n + (l - 1)] = 0; break; }
      }
      let x = a[(nn) * n + (nn)]!;
      if (l === nn) {
        wr[nn] = x + t; wi[nn] = 0; nn--;
      } else {
        let y = a[(nn - 1) * n + (nn - 1)]!;
        let w = a[(nn) * n + (nn - 1)]! * a[(nn - 1) * n + (nn)]!;
        if (l === nn - 1) {
          const p = 0.5 * (y - x);
          const q = p * p + w;
          let z = Math.sqrt(Math.abs(q));
          x += t;
          if (q >= 0) {
            z = p + (p >= 0 ? z : -z);
            wr[nn - 1] = wr[nn] = x + z;
            if (z !== 0) wr[nn] = x - w / z;
            wi[nn - 1] = wi[nn] = 0;
          } else {
            wr[nn - 1] = wr[nn] = x + p;
            wi[nn - 1] = -z; wi[nn] = z;
          }
          nn -= 2;
        } else {
          if (its === 60) return false;
          if (its === 10 || its === 20) {
            // Exceptional shift.
            t += x;
            for (let i = 0; i <= nn; i++) a[(i) * n + (i)] = a[(i) * n + (i)]! - x;
            const s = Math.abs(a[(nn) * n + (nn - 1)]!) + Math.abs(a[(nn - 1) * n + (nn - 2)]!);
            y = x = 0.75 * s;
            w = -0.4375 * s * s;
          }
          its++;
          qrSweep(a, n, l, nn, x, y, w);
        }
      }
    } while (l < nn - 1);
  }
  return true;
}

/** One Francis double-shift sweep on rows/columns l..nn with shifts described by x, y, w. */
function qrSweep(a: Float64Array, n: number, l: number, nn: number, x: number, y: number, w: number): void {
  let m: number, p = 0, q = 0, r = 0, z = 0;
  for (m = nn - 2; m >= l; m--) {
    z = a[(m) * n + (m)]!;
    const rr = x - z, ss = y - z;
    p = (rr * ss - w) / a[(m + 1) * n + (m)]! + a[(m) * n + (m + 1)]!;
    q = a[(m + 1) * n + (m + 1)]! - z - rr - ss;
    r = a[(m + 2) * n + (m + 1)]!;
    const s = Math.abs(p) + Math.abs(q) + Math.abs(r);
    p /= s; q /= s; r /= s;
    if (m === l) break;
    const u = Math.abs(a[(m) * n + (m - 1)]!) * (Math.abs(q) + Math.abs(r));
    const v = Math.abs(p) * (Math.abs(a[(m - 1) * n + (m - 1)]!) + Math.abs(z) + Math.abs(a[(m + 1) * n + (m + 1)]!));
    if (u + v === v) break;
  }
  for (let i = m + 2; i <= nn; i++) {
    a[(i) * n + (i - 2)] = 0;
    if (i !== m + 2) a[(i) * n + (i - 3)] = 0;
  }
  for (let k = m; k <= nn - 1; k++) {
    if (k !== m) {
      p = a[(k) * n + (k - 1)]!; q = a[(k + 1) * n + (k - 1)]!; r = k !== nn - 1 ? a[(k + 2) * n + (k - 1)]! : 0;
      x = Math.abs(p) + Math.abs(q) + Math.abs(r);
      if (x !== 0) { p /= x; q /= x; r /= x; }
    }
    const norm = Math.sqrt(p * p + q * q + r * r);
    const s = p >= 0 ? norm : -norm;
    if (s === 0) continue;
    if (k === m) {
      if (l !== m) a[(k) * n + (k - 1)] = -a[(k) * n + (k - 1)]!;
    } else a[(k) * n + (k - 1)] = -s * x;
    p += s; x = p / s; y = q / s; z = r / s; q /= p; r /= p;
    if (k !== nn - 1) applyTriple(a, n, k, l, nn, x, y, z, q, r);
    else applyPair(a, n, k, l, nn, x, y, q);
  }
}

/** Applies the 3×3 Householder reflector (x, y, z; q, r) to rows k..k+2 and columns k..k+2 (same arithmetic as hqr). */
function applyTriple(a: Float64Array, n: number, k: number, l: number, nn: number, x: number, y: number, z: number, q: number, r: number): void {
  const r0 = k * n, r1 = r0 + n, r2 = r1 + n;
  for (let j = k; j <= nn; j++) {
    let p = a[r0 + j]! + q * a[r1 + j]!;
    p += r * a[r2 + j]!; a[r2 + j] = a[r2 + j]! - p * z;
    a[r1 + j] = a[r1 + j]! - p * y;
    a[r0 + j] = a[r0 + j]! - p * x;
  }
  const mmin = Math.min(nn, k + 3);
  for (let i = l, ri = l * n; i <= mmin; i++, ri += n) {
    let p = x * a[ri + k]! + y * a[ri + k + 1]!;
    p += z * a[ri + k + 2]!; a[ri + k + 2] = a[ri + k + 2]! - p * r;
    a[ri + k + 1] = a[ri + k + 1]! - p * q;
    a[ri + k] = a[ri + k]! - p;
  }
}

/** Applies the 2×2 reflector of the last step (x, y; q) to rows k, k+1 and columns k, k+1. */
function applyPair(a: Float64Array, n: number, k: number, l: number, nn: number, x: number, y: number, q: number): void {
  const r0 = k * n, r1 = r0 + n;
  for (let j = k; j <= nn; j++) {
    const p = a[r0 + j]! + q * a[r1 + j]!;
    a[r1 + j] = a[r1 + j]! - p * y;
    a[r0 + j] = a[r0 + j]! - p * x;
  }
  const mmin = Math.min(nn, k + 3);
  for (let i = l, ri = l * n; i <= mmin; i++, ri += n) {
    const p = x * a[ri + k]! + y * a[ri + k + 1]!;
    a[ri + k + 1] = a[ri + k + 1]! - p * q;
    a[ri + k] = a[ri + k]! - p;
  }
}
