import { describe, expect, it } from 'vitest';
import { polynomialRoots } from './polynomial-roots.js';

/** Roots sorted by (re, im) for comparison. */
function sortedRoots(c: number[]): [number, number][] {
  const n = c.length - 1;
  const re = new Float64Array(n), im = new Float64Array(n);
  expect(polynomialRoots(Float64Array.from(c), re, im)).toBe(true);
  return [...re].map((r, i): [number, number] => [r, im[i]!]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

describe('polynomialRoots (companion matrix eigenvalues)', () => {
  it('finds real roots: (z−1)(z−2)(z−3)', () => {
    const r = sortedRoots([1, -6, 11, -6]);
    r.forEach(([re, im], i) => { expect(re).toBeCloseTo(i + 1, 10); expect(im).toBeCloseTo(0, 10); });
  });

  it('finds complex conjugate pairs: z⁴ + 1', () => {
    const r = sortedRoots([1, 0, 0, 0, 1]);
    const s = Math.SQRT1_2;
    expect(r.map(([a, b]) => [Number(a.toFixed(9)), Number(b.toFixed(9))])).toEqual([
      [Number((-s).toFixed(9)), Number((-s).toFixed(9))], [Number((-s).toFixed(9)), Number(s.toFixed(9))],
      [Number(s.toFixed(9)), Number((-s).toFixed(9))], [Number(s.toFixed(9)), Number(s.toFixed(9))],
    ]);
  });

  it('reproduces the roots of an order-11 polynomial built from known roots', () => {
    const roots: [number, number][] = [[0.9, 0], [0.5, 0.7], [0.5, -0.7], [-0.3, 0.8], [-0.3, -0.8],
      [0.1, 0.95], [0.1, -0.95], [-0.8, 0.2], [-0.8, -0.2], [0.7, 0.4], [0.7, -0.4]];
    let poly: [number, number][] = [[1, 0]];
    for (const [a, b] of roots) {
      const next: [number, number][] = poly.map(() => [0, 0]);
      next.push([0, 0]);
      poly.forEach(([pr, pi], k) => {
        next[k]![0] += pr; next[k]![1] += pi;
        next[k + 1]![0] -= pr * a - pi * b; next[k + 1]![1] -= pr * b + pi * a;
      });
      poly = next;
    }
    const r = sortedRoots(poly.map(([re]) => re));
    const want = [...roots].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    r.forEach(([re, im], i) => { expect(re).toBeCloseTo(want[i]![0], 8); expect(im).toBeCloseTo(want[i]![1], 8); });
  });

  it('rejects a zero leading coefficient', () => {
    expect(() => polynomialRoots(Float64Array.from([0, 1]), new Float64Array(1), new Float64Array(1))).toThrow(RangeError);
  });
});
