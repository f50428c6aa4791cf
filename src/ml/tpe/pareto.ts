// Pareto dominance, non-dominated sorting and exact hypervolume for minimisation problems.

/** True when a dominates b: no worse in every objective and better in at least one (minimisation). */
export function dominates(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  let better = false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x > y) return false;
    if (x < y) better = true;
  }
  return better;
}

/** Non-domination rank of each point (0 = Pareto front), by repeated peeling (Deb et al., 2002, NSGA-II). */
export function nonDominatedRanks(points: readonly ArrayLike<number>[]): Int32Array {
  const n = points.length;
  const rank = new Int32Array(n).fill(-1);
  let remaining = n;
  for (let r = 0; remaining > 0; r++) {
    const front: number[] = [];
    for (let i = 0; i < n; i++) {
      if (rank[i] !== -1) continue;
      let dominated = false;
      for (let j = 0; j < n && !dominated; j++) {
        if (j !== i && rank[j] === -1 && dominates(points[j] ?? [], points[i] ?? [])) dominated = true;
      }
      if (!dominated) front.push(i);
    }
    for (const i of front) rank[i] = r;
    remaining -= front.length;
  }
  return rank;
}

/**
 * Exact hypervolume dominated by `points` and bounded by `reference` (minimisation). Points not strictly better
 * than the reference in every objective contribute nothing. Two objectives: O(n log n) sweep; more: slicing.
 */
export function hypervolume(points: readonly ArrayLike<number>[], reference: ArrayLike<number>): number {
  const m = reference.length;
  if (m === 0) throw new RangeError('hypervolume: reference point has no objectives');
  const pts = points
    .filter((p) => p.length === m && Array.from({ length: m }, (_, i) => i).every((i) => (p[i] ?? 0) < (reference[i] ?? 0)))
    .map((p) => Array.from(p));
  if (pts.length === 0) return 0;
  return hvRec(pts, Array.from(reference));
}

function hvRec(pts: number[][], ref: number[]): number {
  const m = ref.length;
  if (m === 1) return (ref[0] ?? 0) - Math.min(...pts.map((p) => p[0] ?? 0));
  if (m === 2) {
    const sorted = [...pts].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0));
    let hv = 0;
    let bestY = ref[1] ?? 0;
    for (const p of sorted) {
      const y = p[1] ?? 0;
      if (y < bestY) {
        hv += ((ref[0] ?? 0) - (p[0] ?? 0)) * (bestY - y);
        bestY = y;
      }
    }
    return hv;
  }
  // Slice along the last objective: between consecutive levels the cross-section is the HV of the lower points.
  const last = m - 1;
  const sorted = [...pts].sort((a, b) => (a[last] ?? 0) - (b[last] ?? 0));
  let hv = 0;
  for (let i = 0; i < sorted.length; i++) {
    const z = sorted[i]?.[last] ?? 0;
    const next = i + 1 < sorted.length ? (sorted[i + 1]?.[last] ?? 0) : (ref[last] ?? 0);
    if (next <= z) continue;
    const slice = sorted.slice(0, i + 1).map((p) => p.slice(0, last));
    hv += (next - z) * hvRec(slice, ref.slice(0, last));
  }
  return hv;
}

/** Hypervolume contribution of each point: HV(all) − HV(all but it). */
export function hypervolumeContributions(points: readonly ArrayLike<number>[], reference: ArrayLike<number>): Float64Array {
  const total = hypervolume(points, reference);
  return Float64Array.from(points, (_, i) => total - hypervolume(points.filter((_, j) => j !== i), reference));
}
