import { describe, expect, it } from 'vitest';
import { autocorrelation, levinsonDurbin } from './lpc.js';

describe('LPC (autocorrelation + Levinson–Durbin)', () => {
  it('recovers the coefficients of an AR(2) process', () => {
    // x[n] = 1.3 x[n−1] − 0.6 x[n−2] + e[n]  ⇒  A(z) = 1 − 1.3 z⁻¹ + 0.6 z⁻²
    let seed = 12345;
    const rand = (): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648 - 0.5; };
    const n = 20000;
    const x = new Float64Array(n);
    for (let i = 2; i < n; i++) x[i] = 1.3 * x[i - 1]! - 0.6 * x[i - 2]! + rand();
    const r = new Float64Array(3), a = new Float64Array(3), s = new Float64Array(3);
    autocorrelation(x, n, 2, r);
    expect(levinsonDurbin(r, 2, a, s)).toBeGreaterThan(0);
    expect(a[1]).toBeCloseTo(-1.3, 1);
    expect(a[2]).toBeCloseTo(0.6, 1);
  });

  it('returns a flat predictor for silence', () => {
    const r = new Float64Array(4), a = new Float64Array(4), s = new Float64Array(4);
    autocorrelation(new Float64Array(100), 100, 3, r);
    expect(levinsonDurbin(r, 3, a, s)).toBe(0);
    expect([...a]).toEqual([1, 0, 0, 0]);
  });
});
