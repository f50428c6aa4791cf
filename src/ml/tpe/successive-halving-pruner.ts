// Optuna's SuccessiveHalvingPruner (optuna/pruners/_successive_halving.py; Li et al., 2020, "A System for
// Massively Parallel Hyperparameter Tuning", ASHA) for minimised intermediate values. Rung r is reached at step
// min_resource · reduction_factor^(min_early_stopping_rate + r); there a trial is promoted when its value is
// among the best 1/reduction_factor of the values recorded at that rung (its own included), else it is pruned.
import { lastStep, type Pruner, type PrunerTrial } from './pruner.js';

export interface SuccessiveHalvingPrunerOptions {
  /** Steps before the first rung, or 'auto' (default): max(last step of the first complete trial // 100, 1). */
  minResource?: number | 'auto';
  /** η: a rung promotes the best 1/η; default 4. */
  reductionFactor?: number;
  /** s: the first rung is at min_resource · η^s; default 0. */
  minEarlyStoppingRate?: number;
  /** A trial is pruned at a rung where at most this many values (its own included) are recorded; default 0. */
  bootstrapCount?: number;
}

function checkInt(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`successiveHalvingPruner: ${name} must be an integer ≥ ${min}`);
  return value;
}

/**
 * The cut-off at one rung for a trial whose competitors recorded `others` there: the trial is promoted when its
 * value ≤ the result (Optuna: value ≤ sorted(others ∪ {value})[max(0, ⌊(n+1)/η⌋ − 1)], which is the same as
 * value ≤ sorted(others)[that index]); NaN when it is always promoted, −Infinity when it is always pruned.
 */
export function rungThreshold(others: readonly number[], reductionFactor: number, bootstrapCount = 0): number {
  if (others.length + 1 <= bootstrapCount) return -Infinity;
  const index = Math.max(0, Math.floor((others.length + 1) / reductionFactor) - 1);
  const sorted = [...others].sort((a, b) => a - b);
  return index < sorted.length ? sorted[index]! : Number.NaN;
}

/**
 * A successive-halving pruner. Deliberate differences from Optuna, for determinism: a rung's competitors are the
 * finished trials the plan is made from (every one that reached the rung step, those finished before pruning
 * started included), not whichever trials happen to have reported it so far; 'auto' min_resource is estimated
 * once from the lowest-numbered complete trial, which is what Optuna does in a sequential study.
 */
export function successiveHalvingPruner(options: SuccessiveHalvingPrunerOptions = {}): Pruner {
  const given = options.minResource ?? 'auto';
  if (given !== 'auto') checkInt('minResource', given, 1);
  const eta = checkInt('reductionFactor', options.reductionFactor ?? 4, 2);
  const rate = checkInt('minEarlyStoppingRate', options.minEarlyStoppingRate ?? 0, 0);
  const bootstrap = checkInt('bootstrapCount', options.bootstrapCount ?? 0, 0);
  if (bootstrap > 0 && given === 'auto') throw new RangeError("successiveHalvingPruner: bootstrapCount > 0 needs a minResource, not 'auto' (as Optuna)");
  return {
    name: 'successive_halving',
    plan(seen: readonly PrunerTrial[]) {
      const first = [...seen].filter((t) => t.state === 'complete').sort((a, b) => a.number - b.number)[0];
      const minResource = given !== 'auto' ? given : first === undefined ? undefined : Math.max(Math.floor(lastStep(first) / 100), 1);
      if (minResource === undefined) return null;
      const reached = Math.max(0, ...seen.map(lastStep)) + 1;
      const rungs: number[] = [];
      // Rungs no seen trial reached promote every trial, unless bootstrap_count prunes the first of them.
      for (let step = minResource * eta ** rate; step < reached || (bootstrap > 0 && rungs.every((r) => r < reached)); step *= eta) rungs.push(step);
      const thresholds = new Float64Array(Math.max(reached, ...rungs.map((r) => r + 1))).fill(Number.NaN);
      for (const step of rungs) {
        const others = seen.filter((t) => t.intermediate.length > step).map((t) => t.intermediate[step]!);
        thresholds[step] = rungThreshold(others, eta, bootstrap);
      }
      return { thresholds, score: 'current' };
    },
  };
}
