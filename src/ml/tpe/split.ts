// TPE's split of finished trials into "below" (good) and "above" groups, and the kernel weights of each group
// (Optuna 3.x: gamma, ramped weights; multi-objective by non-dominated rank then greedy hypervolume subset
// selection, MOTPE — Ozaki et al., 2020, "Multiobjective Tree-Structured Parzen Estimator").
import { hypervolume, hypervolumeContributions, nonDominatedRanks } from './pareto.js';

/** Optuna's default gamma: the number of "below" trials out of n, min(ceil(0.1·n), 25). */
export function defaultGamma(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

/** Optuna's default weights for n observations in trial order: ones, or a linear ramp 1/n→1 for all but the last 25. */
export function defaultWeights(n: number): Float64Array {
  if (n < 25) return new Float64Array(n).fill(1);
  const w = new Float64Array(n).fill(1);
  const ramp = n - 25;
  // numpy.linspace(1/n, 1, num=ramp)
  for (let i = 0; i < ramp; i++) w[i] = ramp === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (ramp - 1);
  return w;
}

export interface SplitResult {
  /** Indices into the loss list, ascending (trial order). */
  readonly below: number[];
  readonly above: number[];
}

/** Splits trials (loss vectors, minimisation) into the nBelow best and the rest. */
export function splitTrials(losses: readonly Float64Array[], nBelow: number): SplitResult {
  const n = losses.length;
  const k = Math.max(0, Math.min(n, nBelow));
  const m = losses[0]?.length ?? 1;
  let chosen: number[];
  if (m === 1) {
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => (losses[a]?.[0] ?? 0) - (losses[b]?.[0] ?? 0) || a - b);
    chosen = order.slice(0, k);
  } else {
    chosen = splitMultiObjective(losses, k);
  }
  const isBelow = new Uint8Array(n);
  for (const i of chosen) isBelow[i] = 1;
  const below: number[] = [];
  const above: number[] = [];
  for (let i = 0; i < n; i++) (isBelow[i] ? below : above).push(i);
  return { below, above };
}

function splitMultiObjective(losses: readonly Float64Array[], k: number): number[] {
  const ranks = nonDominatedRanks(losses);
  const chosen: number[] = [];
  for (let r = 0; chosen.length < k; r++) {
    const front: number[] = [];
    ranks.forEach((v, i) => v === r && front.push(i));
    if (chosen.length + front.length <= k) {
      chosen.push(...front);
      continue;
    }
    chosen.push(...greedyHypervolumeSubset(front.map((i) => losses[i] as Float64Array), k - chosen.length).map((j) => front[j] ?? 0));
  }
  return chosen;
}

/** Reference point from the worst point: max(1.1·w, 0.9·w) per objective, zeros replaced by a tiny positive. */
export function referencePointFrom(points: readonly Float64Array[]): Float64Array {
  const m = points[0]?.length ?? 0;
  const ref = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const worst = Math.max(...points.map((p) => p[j] ?? 0));
    const r = Math.max(1.1 * worst, 0.9 * worst);
    ref[j] = r === 0 ? 1e-12 : r;
  }
  return ref;
}

/** Greedy hypervolume subset selection: indices of `size` points chosen to maximise the HV one at a time. */
export function greedyHypervolumeSubset(points: readonly Float64Array[], size: number): number[] {
  const ref = referencePointFrom(points);
  const selected: number[] = [];
  const left = new Set(points.map((_, i) => i));
  while (selected.length < size && left.size > 0) {
    let best = -1;
    let bestHv = -Infinity;
    for (const i of left) {
      const hv = hypervolume([...selected, i].map((j) => points[j] as Float64Array), ref);
      if (hv > bestHv) {
        bestHv = hv;
        best = i;
      }
    }
    selected.push(best);
    left.delete(best);
  }
  return selected;
}

/** MOTPE weights of the below group: hypervolume contributions normalised by their maximum (ones if all zero). */
export function multiObjectiveBelowWeights(points: readonly Float64Array[]): Float64Array {
  const n = points.length;
  if (n <= 1) return new Float64Array(n).fill(1);
  const contrib = hypervolumeContributions(points, referencePointFrom(points));
  const max = Math.max(...contrib);
  if (!(max > 0)) return new Float64Array(n).fill(1);
  return contrib.map((c) => Math.min(1, Math.max(1e-12, c / max)));
}

/** Optuna's score of a pruned trial (TPE `_get_pruned_trial_score`): later last step first, then lower value there. */
function prunedScore(intermediate: readonly number[]): [number, number] {
  const last = intermediate.length - 1;
  if (last < 0) return [1, 0];
  const value = intermediate[last]!;
  return [-last, Number.isNaN(value) ? Infinity : value];
}

/**
 * Optuna's split of pruned trials (TPE `_split_pruned_trials`): the nBelow best by their pruned score (ties: trial
 * order) go below. Returns indices into `curves`, below and above, each ascending.
 */
export function splitPrunedTrials(curves: readonly (readonly number[])[], nBelow: number): SplitResult {
  const scores = curves.map(prunedScore);
  const order = curves.map((_, i) => i).sort((a, b) => scores[a]![0] - scores[b]![0] || scores[a]![1] - scores[b]![1] || a - b);
  const k = Math.max(0, Math.min(curves.length, nBelow));
  const below = order.slice(0, k).sort((a, b) => a - b);
  const above = order.slice(k).sort((a, b) => a - b);
  return { below, above };
}
