// Exact k-nearest-neighbour search (Euclidean) within a set of rows of a matrix.
import type { Matrix } from '../matrix.js';

/**
 * For each query row (an index into `rows`), the k nearest other members of `rows`, nearest first
 * (ties broken by smaller row index). The query itself is excluded by index. Returns row indices of `x`,
 * k per query, as one Int32Array (query-major).
 */
export function kNearestWithin(x: Matrix, rows: Int32Array, queries: Int32Array, k: number): Int32Array {
  if (!Number.isInteger(k) || k < 0 || k > rows.length - 1) {
    throw new RangeError(`kNearestWithin: k must be in [0, ${rows.length - 1}], got ${k}`);
  }
  const d = x.cols;
  const data = x.data;
  const out = new Int32Array(queries.length * k);
  const bestDist = new Float64Array(k);
  const bestIdx = new Int32Array(k);
  for (let q = 0; q < queries.length; q++) {
    const qi = queries[q] ?? 0;
    const qo = qi * d;
    bestDist.fill(Infinity);
    bestIdx.fill(-1);
    for (let m = 0; m < rows.length; m++) {
      const ri = rows[m] ?? 0;
      if (ri === qi) continue;
      const ro = ri * d;
      const worst = k > 0 ? (bestDist[k - 1] ?? Infinity) : -Infinity;
      let s = 0;
      for (let j = 0; j < d && s <= worst; j++) {
        const diff = data[qo + j]! - data[ro + j]!; // indices are in range by construction
        s += diff * diff;
      }
      if (s > worst || (s === worst && ri > (bestIdx[k - 1] ?? -1) && (bestIdx[k - 1] ?? -1) >= 0)) continue;
      insert(bestDist, bestIdx, s, ri);
    }
    out.set(bestIdx, q * k);
  }
  return out;
}

/** Inserts (dist, idx) into the sorted top-k arrays, dropping the last entry. */
function insert(dist: Float64Array, idx: Int32Array, s: number, ri: number): void {
  let p = dist.length - 1;
  while (p > 0 && ((dist[p - 1] ?? 0) > s || ((dist[p - 1] ?? 0) === s && (idx[p - 1] ?? 0) > ri))) {
    dist[p] = dist[p - 1] ?? 0;
    idx[p] = idx[p - 1] ?? 0;
    p--;
  }
  dist[p] = s;
  idx[p] = ri;
}
