// SMOTE properties: balanced counts, synthetic rows on segments to k-nearest same-class neighbours, seeded.
import { describe, expect, it } from 'vitest';
import { matrix, type Matrix } from '../matrix.js';
import { Rng } from '../../util/random.js';
import { smote } from './index.js';

function dataset(counts: number[], d: number, seed: number): { x: Matrix; y: Int32Array } {
  const rng = new Rng(seed);
  const n = counts.reduce((a, b) => a + b, 0);
  const data = new Float64Array(n * d);
  const y = new Int32Array(n);
  let r = 0;
  counts.forEach((c, label) => {
    for (let i = 0; i < c; i++, r++) {
      y[r] = label;
      for (let j = 0; j < d; j++) data[r * d + j] = label * 3 + rng.normal() * (j + 1);
    }
  });
  // Shuffle rows so classes are interleaved.
  const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
  const sd = new Float64Array(n * d);
  const sy = new Int32Array(n);
  order.forEach((o, i) => {
    sd.set(data.subarray(o * d, o * d + d), i * d);
    sy[i] = y[o] ?? 0;
  });
  return { x: matrix(sd, n, d), y: sy };
}

/** Brute-force k nearest same-class rows of row i (distance ties allowed: returns the k-th distance). */
function kthDistance(x: Matrix, y: Int32Array, i: number, k: number): number {
  const d = x.cols;
  const dists: number[] = [];
  for (let r = 0; r < x.rows; r++) {
    if (r === i || y[r] !== y[i]) continue;
    let s = 0;
    for (let j = 0; j < d; j++) s += ((x.data[r * d + j] ?? 0) - (x.data[i * d + j] ?? 0)) ** 2;
    dists.push(s);
  }
  dists.sort((a, b) => a - b);
  return dists[k - 1] ?? Infinity;
}

describe('smote', () => {
  const { x, y } = dataset([120, 40, 15, 6], 4, 1);

  it('brings every class up to the majority count and keeps the originals first', () => {
    const r = smote(x, y, { seed: 3 });
    const counts = [0, 0, 0, 0];
    for (const v of r.y) counts[v] = (counts[v] ?? 0) + 1;
    expect(counts).toEqual([120, 120, 120, 120]);
    expect(Array.from(r.x.data.subarray(0, x.data.length))).toEqual(Array.from(x.data));
    expect(r.warnings).toEqual([]);
    expect(r.classes.map((c) => c.after)).toEqual([120, 120, 120, 120]);
  });

  it('puts every synthetic row on a segment from its base to one of its 5 nearest same-class neighbours', () => {
    const r = smote(x, y, { seed: 3 });
    const d = x.cols;
    for (let s = 0; s < r.synthetic.base.length; s++) {
      const b = r.synthetic.base[s] ?? 0;
      const nb = r.synthetic.neighbour[s] ?? 0;
      const u = r.synthetic.gap[s] ?? 0;
      expect(y[nb]).toBe(y[b]);
      expect(r.y[x.rows + s]).toBe(y[b]);
      expect(nb).not.toBe(b);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      let dist = 0;
      for (let j = 0; j < d; j++) dist += ((x.data[nb * d + j] ?? 0) - (x.data[b * d + j] ?? 0)) ** 2;
      expect(dist).toBeLessThanOrEqual(kthDistance(x, y, b, 5));
      for (let j = 0; j < d; j++) {
        const a = x.data[b * d + j] ?? 0;
        const want = a + u * ((x.data[nb * d + j] ?? 0) - a);
        expect(r.x.data[(x.rows + s) * d + j]).toBeCloseTo(want, 12);
      }
    }
  });

  it('is reproducible with a seed and differs across seeds', () => {
    const a = smote(x, y, { seed: 7 });
    const b = smote(x, y, { seed: 7 });
    const c = smote(x, y, { seed: 8 });
    expect(Array.from(a.x.data)).toEqual(Array.from(b.x.data));
    expect(Array.from(a.x.data)).not.toEqual(Array.from(c.x.data));
  });

  it('reduces k for classes with k or fewer samples and reports it instead of crashing', () => {
    const small = dataset([30, 3, 1], 2, 2);
    const seen: string[] = [];
    const r = smote(small.x, small.y, { kNeighbors: 5, seed: 0, onWarning: (m) => seen.push(m) });
    expect(r.classes.map((c) => [c.before, c.after, c.k])).toEqual([[30, 30, 5], [3, 30, 2], [1, 30, 0]]);
    expect(r.warnings).toHaveLength(2);
    expect(seen).toEqual(r.warnings);
    expect(r.warnings[0]).toContain('class 1 has 3 sample(s)');
    // The single-sample class is duplicated.
    const only = small.y.indexOf(2);
    for (let s = 0; s < r.synthetic.base.length; s++) {
      if (r.y[small.x.rows + s] === 2) expect(r.synthetic.base[s]).toBe(only);
    }
  });

  it('rejects missing values and bad options', () => {
    const bad = matrix(Float64Array.from([1, Number.NaN, 2, 3]), 2, 2);
    expect(() => smote(bad, [0, 1])).toThrow(RangeError);
    expect(() => smote(x, y, { kNeighbors: 0 })).toThrow(RangeError);
    expect(() => smote(x, y.subarray(1))).toThrow(RangeError);
  });
});
