// Local peaks: strict maxima of a sampled curve (spectral bins, ACF lags) and their refinement by a parabola through
// three points, equally spaced (bins, candidate lags) or general.

/** Strict local maximum at index k (at the ends: above the single neighbour); false outside the array. */
export function isStrictPeak(x: Float64Array, k: number): boolean {
  const last = x.length - 1;
  if (k < 0 || k > last) return false;
  if (k === 0) return last > 0 && x[0]! > x[1]!;
  if (k === last) return x[k]! > x[k - 1]!;
  return x[k]! > x[k - 1]! && x[k]! > x[k + 1]!;
}

/**
 * Offset in (−½, ½) samples of the vertex of the parabola through equally spaced values l, c, r around c; 0 when
 * they are collinear.
 */
export function parabolaOffset(l: number, c: number, r: number): number {
  const curvature = l - 2 * c + r;
  return curvature !== 0 ? (0.5 * (l - r)) / curvature : 0;
}

/** Value at the vertex found by `parabolaOffset` (c itself when the offset is 0). */
export function parabolaPeak(l: number, c: number, r: number, offset: number): number {
  return c - 0.25 * (l - r) * offset;
}

/**
 * Vertex (x, y) of the parabola through three points with abscissae x0 < x1 < x2 (general three-point fit, not
 * assuming equal spacing); falls back to the largest point when the points are collinear.
 */
export function parabolaVertex(x0: number, y0: number, x1: number, y1: number, x2: number, y2: number, out: Float64Array): void {
  const d01 = x0 - x1, d02 = x0 - x2, d12 = x1 - x2;
  const den = d01 * d02 * d12;
  if (den !== 0) {
    const a = (x2 * (y1 - y0) + x1 * (y0 - y2) + x0 * (y2 - y1)) / den;
    if (a !== 0) {
      const b = (x2 * x2 * (y0 - y1) + x1 * x1 * (y2 - y0) + x0 * x0 * (y1 - y2)) / den;
      const x = -b / (2 * a);
      // y at the vertex, evaluated from the Lagrange form around the middle point.
      const l0 = ((x - x1) * (x - x2)) / (d01 * d02), l1 = ((x - x0) * (x - x2)) / (-d01 * d12), l2 = ((x - x0) * (x - x1)) / (d02 * d12);
      out[0] = x; out[1] = l0 * y0 + l1 * y1 + l2 * y2;
      return;
    }
  }
  if (y0 > y1 && y0 > y2) { out[0] = x0; out[1] = y0; }
  else if (y2 > y1 && y2 > y0) { out[0] = x2; out[1] = y2; }
  else { out[0] = x1; out[1] = y1; }
}
