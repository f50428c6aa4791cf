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
  const A = (i: number, j: number): number => a[i * n + j]!;
  const set = (i: number, j: number, v: number): void => { a[i * n + j] = v; };
  let norm = 0;
  for (let i = 0; i < n; i++) for (let j = Math.max(i - 1, 0); j < n; j++) norm += Math.abs(A(i, j));
  let nn = n - 1;
  let t = 0;
  while (nn >= 0) {
    let its = 0;
    let l: number;
    do {
      // Look for a negligible subdiagonal element that splits the matrix.
      for (l = nn; l >= 1; l--) {
        let s = Math.abs(A(l - 1, l - 1)) + Math.abs(A(l, l));
        if (s === 0) s = norm;
        if (Math.abs(A(l, l - 1)) + s === s) { set(l, l - 1, 0); break; }
      }
      let x = A(nn, nn);
      if (l === nn) {
        wr[nn] = x + t; wi[nn] = 0; nn--;
      } else {
        let y = A(nn - 1, nn - 1);
        let w = A(nn, nn - 1) * A(nn - 1, nn);
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
            for (let i = 0; i <= nn; i++) set(i, i, A(i, i) - x);
            const s = Math.abs(A(nn, nn - 1)) + Math.abs(A(nn - 1, nn - 2));
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
  const A = (i: number, j: number): number => a[i * n + j]!;
  const set = (i: number, j: number, v: number): void => { a[i * n + j] = v; };
  let m: number, p = 0, q = 0, r = 0, z = 0;
  for (m = nn - 2; m >= l; m--) {
    z = A(m, m);
    const rr = x - z, ss = y - z;
    p = (rr * ss - w) / A(m + 1, m) + A(m, m + 1);
    q = A(m + 1, m + 1) - z - rr - ss;
    r = A(m + 2, m + 1);
    const s = Math.abs(p) + Math.abs(q) + Math.abs(r);
    p /= s; q /= s; r /= s;
    if (m === l) break;
    const u = Math.abs(A(m, m - 1)) * (Math.abs(q) + Math.abs(r));
    const v = Math.abs(p) * (Math.abs(A(m - 1, m - 1)) + Math.abs(z) + Math.abs(A(m + 1, m + 1)));
    if (u + v === v) break;
  }
  for (let i = m + 2; i <= nn; i++) {
    set(i, i - 2, 0);
    if (i !== m + 2) set(i, i - 3, 0);
  }
  for (let k = m; k <= nn - 1; k++) {
    if (k !== m) {
      p = A(k, k - 1); q = A(k + 1, k - 1); r = k !== nn - 1 ? A(k + 2, k - 1) : 0;
      x = Math.abs(p) + Math.abs(q) + Math.abs(r);
      if (x !== 0) { p /= x; q /= x; r /= x; }
    }
    const norm = Math.sqrt(p * p + q * q + r * r);
    const s = p >= 0 ? norm : -norm;
    if (s === 0) continue;
    if (k === m) {
      if (l !== m) set(k, k - 1, -A(k, k - 1));
    } else set(k, k - 1, -s * x);
    p += s; x = p / s; y = q / s; z = r / s; q /= p; r /= p;
    for (let j = k; j <= nn; j++) {
      p = A(k, j) + q * A(k + 1, j);
      if (k !== nn - 1) { p += r * A(k + 2, j); set(k + 2, j, A(k + 2, j) - p * z); }
      set(k + 1, j, A(k + 1, j) - p * y);
      set(k, j, A(k, j) - p * x);
    }
    const mmin = Math.min(nn, k + 3);
    for (let i = l; i <= mmin; i++) {
      p = x * A(i, k) + y * A(i, k + 1);
      if (k !== nn - 1) { p += z * A(i, k + 2); set(i, k + 2, A(i, k + 2) - p * r); }
      set(i, k + 1, A(i, k + 1) - p * q);
      set(i, k, A(i, k) - p);
    }
  }
}
