// Optuna's PercentilePruner / MedianPruner (optuna/pruners/_percentile.py, _median.py) for minimised
// intermediate values: at a checked step, a trial whose best value so far is worse than the given percentile of
// the complete trials' values at that step is pruned.
import { lastStep, type Pruner, type PrunerTrial } from './pruner.js';

export interface PercentilePrunerOptions {
  /** Percentile in [0, 100] of the complete trials' values at a step; a trial above it is pruned. */
  percentile: number;
  /** No pruning until this many trials are complete; default 5. */
  nStartupTrials?: number;
  /** No pruning before this step; default 0. */
  nWarmupSteps?: number;
  /** Check every this many steps from the warm-up step on; default 1. */
  intervalSteps?: number;
  /** A step is checked only when at least this many complete trials reported it; default 1. */
  nMinTrials?: number;
}

/** Optuna's MedianPruner defaults: the 50th percentile, 5 start-up trials, no warm-up, every step. */
export type MedianPrunerOptions = Omit<PercentilePrunerOptions, 'percentile'>;

/** numpy.percentile with linear interpolation of sorted values (NaNs dropped first, as nanpercentile). */
export function percentileOf(values: readonly number[], q: number): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const pos = ((sorted.length - 1) * q) / 100;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  // numpy's _lerp: from the nearer end, so that a midpoint is exact (0.6, 0.7 → 0.65, not 0.6499…).
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  const t = pos - lo;
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

function checkInt(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`percentilePruner: ${name} must be an integer ≥ ${min}`);
  return value;
}

/** A percentile pruner (Optuna semantics; the study is minimised). */
export function percentilePruner(options: PercentilePrunerOptions): Pruner {
  const { percentile } = options;
  if (!(percentile >= 0 && percentile <= 100)) throw new RangeError('percentilePruner: percentile must be in [0, 100]');
  const nStartup = checkInt('nStartupTrials', options.nStartupTrials ?? 5, 0);
  const warmup = checkInt('nWarmupSteps', options.nWarmupSteps ?? 0, 0);
  const interval = checkInt('intervalSteps', options.intervalSteps ?? 1, 1);
  const nMin = checkInt('nMinTrials', options.nMinTrials ?? 1, 1);
  return {
    name: percentile === 50 ? 'median' : `percentile-${percentile}`,
    plan(seen: readonly PrunerTrial[]) {
      const complete = seen.filter((t) => t.state === 'complete');
      if (complete.length === 0 || complete.length < nStartup) return null;
      const steps = Math.max(...complete.map(lastStep)) + 1;
      const thresholds = new Float64Array(steps).fill(Number.NaN);
      // Steps reported one by one: the checked ones are the warm-up step and every `interval` after it.
      for (let step = warmup; step < steps; step += interval) {
        const values = complete.filter((t) => t.intermediate.length > step).map((t) => t.intermediate[step]!);
        // Too few values (or only NaNs): Optuna does not prune, except a trial whose best so far is NaN.
        const p = values.length >= nMin ? percentileOf(values, percentile) : Number.NaN;
        thresholds[step] = Number.isNaN(p) ? Infinity : p;
      }
      return { thresholds, score: 'best-so-far' };
    },
  };
}

/** Optuna's MedianPruner: percentilePruner at the 50th percentile. */
export function medianPruner(options: MedianPrunerOptions = {}): Pruner {
  return percentilePruner({ ...options, percentile: 50 });
}
