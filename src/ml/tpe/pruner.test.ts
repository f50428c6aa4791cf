// The pruners' stopping plans against hand-worked cases of Optuna's semantics (optuna/pruners/_percentile.py,
// _successive_halving.py, and the cases of Optuna's tests/pruners_tests/test_median.py and
// test_successive_halving.py, replayed with curves reported at every step, as the tuning loop reports them).
import { describe, expect, it } from 'vitest';
import { medianPruner, percentileOf, percentilePruner } from './percentile-pruner.js';
import { PruneTracker, type Pruner, type PrunerTrial } from './pruner.js';
import { rungThreshold, successiveHalvingPruner } from './successive-halving-pruner.js';

const complete = (number: number, intermediate: number[]): PrunerTrial => ({ number, state: 'complete', intermediate });
const pruned = (number: number, intermediate: number[]): PrunerTrial => ({ number, state: 'pruned', intermediate });

/** Runs a trial's curve through its plan: the step after which it is pruned, or null when it runs to the end. */
function prunedAt(pruner: Pruner, seen: readonly PrunerTrial[], curve: readonly number[]): number | null {
  const tracker = new PruneTracker(pruner.plan(seen));
  for (let step = 0; step < curve.length; step++) if (tracker.stopsAfter(step, curve[step]!)) return step;
  return null;
}

/** Every step at which the plan would prune (Optuna's should_prune called after each report, never acted on). */
function pruneSteps(pruner: Pruner, seen: readonly PrunerTrial[], curve: readonly number[]): number[] {
  const tracker = new PruneTracker(pruner.plan(seen));
  return curve.flatMap((v, step) => (tracker.stopsAfter(step, v) ? [step] : []));
}

describe('percentileOf', () => {
  it('is numpy.nanpercentile with linear interpolation', () => {
    expect(percentileOf([3, 1, 2], 50)).toBe(2);
    expect(percentileOf([4, 1, 2, 3], 50)).toBe(2.5);
    expect(percentileOf([1, 2, 3, 4, 5], 25)).toBe(2);
    expect(percentileOf([1, 2], 10)).toBe(1.1);
    expect(percentileOf([0.6, 0.7], 50)).toBe(0.6499999999999999); // numpy 2.4 gives the same
    expect(percentileOf([Number.NaN, 5, 1], 50)).toBe(3);
    expect(percentileOf([Number.NaN], 50)).toBeNaN();
  });
});

describe('medianPruner', () => {
  const seen = [complete(0, [1.0, 0.8, 0.6]), complete(1, [1.2, 0.9, 0.7, 0.65]), pruned(2, [0.5, 0.4]), complete(3, [0.9, 0.7])];

  it('thresholds each step at the median of the complete trials that reached it (pruned trials ignored)', () => {
    const plan = medianPruner({ nStartupTrials: 3 }).plan(seen)!;
    expect(plan.score).toBe('best-so-far');
    // numpy.percentile([0.6, 0.7], 50) is 0.6499999999999999, and so is ours.
    expect([...plan.thresholds]).toEqual([1.0, 0.8, 0.6499999999999999, 0.65]);
    expect(medianPruner({ nStartupTrials: 4 }).plan(seen)).toBeNull(); // 3 complete < 4 start-up trials
    expect(medianPruner({ nStartupTrials: 0 }).plan([pruned(0, [1])])).toBeNull(); // Optuna: no complete trial, no pruning
  });

  it('compares the best value so far, not the current one', () => {
    const pruner = medianPruner({ nStartupTrials: 3 });
    expect(prunedAt(pruner, seen, [0.95, 0.85, 0.6])).toBe(1); // best 0.85 > median 0.8 at step 1
    expect(prunedAt(pruner, seen, [0.6, 0.9, 0.9, 0.9])).toBeNull(); // best stays 0.6 (the current 0.9 is above every median)
    expect(prunedAt(pruner, seen, [1.05])).toBe(0);
    expect(prunedAt(pruner, seen, [0.5, 0.5, 0.5, 0.5, 9, 9])).toBeNull(); // no complete trial reached step 4
  });

  it('checks only from the warm-up step, every interval_steps, with at least n_min_trials values', () => {
    const pruner = medianPruner({ nStartupTrials: 3, nWarmupSteps: 1, intervalSteps: 2 });
    expect([...pruner.plan(seen)!.thresholds]).toEqual([Number.NaN, 0.8, Number.NaN, 0.65]);
    // Step 3 has one value < n_min_trials: checked, but only a NaN best so far is pruned there (Optuna's order).
    expect([...medianPruner({ nStartupTrials: 3, nMinTrials: 2 }).plan(seen)!.thresholds]).toEqual([1.0, 0.8, 0.6499999999999999, Infinity]);
  });

  it('prunes at the steps of Optuna test_median_pruner_interval_steps (reports at every step)', () => {
    const cases: [number, number, number[]][] = [[0, 1, [0, 1, 2, 3, 4, 5]], [1, 1, [1, 2, 3, 4, 5]], [1, 2, [1, 3, 5]]];
    for (const [nWarmupSteps, intervalSteps, expected] of cases) {
      const pruner = medianPruner({ nStartupTrials: 0, nWarmupSteps, intervalSteps });
      expect(pruneSteps(pruner, [complete(0, [0, 0, 0, 0, 0, 0])], [2, 2, 2, 2, 2, 2])).toEqual(expected);
    }
  });

  it('follows Optuna test_median_pruner_n_startup_trials and the NaN rules', () => {
    const pruner = medianPruner({ nStartupTrials: 2 });
    expect(prunedAt(pruner, [complete(0, [1, 1])], [2, 2])).toBeNull();
    expect(prunedAt(pruner, [complete(0, [1, 1]), complete(1, [2, 2])], [3, 3])).toBe(0);
    const any = medianPruner({ nStartupTrials: 0 });
    expect(prunedAt(any, [complete(0, [Number.NaN, Number.NaN])], [1, 1])).toBeNull(); // the median is NaN: no pruning
    expect(prunedAt(any, [complete(0, [Number.NaN, Number.NaN])], [Number.NaN, 1])).toBe(0); // … but a NaN best is
    expect(prunedAt(any, [complete(0, [1, 1])], [Number.NaN, 0])).toBe(0); // best so far NaN: pruned
  });

  it('takes other percentiles as Optuna does for a minimised value', () => {
    const plan = percentilePruner({ percentile: 25, nStartupTrials: 0 }).plan([complete(0, [1]), complete(1, [2]), complete(2, [3]), complete(3, [4]), complete(4, [5])])!;
    expect([...plan.thresholds]).toEqual([2]);
    expect(() => percentilePruner({ percentile: 101 })).toThrow(RangeError);
    expect(() => medianPruner({ intervalSteps: 0 })).toThrow(RangeError);
  });
});

describe('successiveHalvingPruner', () => {
  it('keeps the best 1/η of the values at a rung, the trial\'s own included', () => {
    // ⌊(3 + 1)/2⌋ − 1 = 1: promoted when ≤ the second smallest of the others.
    expect(rungThreshold([0.9, 0.5, 0.7], 2)).toBe(0.7);
    // η = 4 and 4 values: index 0, only a new best is promoted (Optuna's rule for the first η − 1 trials).
    expect(rungThreshold([0.9, 0.5, 0.7], 4)).toBe(0.5);
    expect(rungThreshold([], 4)).toBeNaN(); // alone at the rung: promoted
    expect(rungThreshold([1], 2, 2)).toBe(-Infinity); // bootstrap_count: too few values, pruned
  });

  it('places rungs at min_resource · η^(rate + r) and compares the current value', () => {
    const seen = [complete(0, Array.from({ length: 10 }, () => 0.5)), pruned(1, [0.9, 0.9]), complete(2, Array.from({ length: 10 }, () => 0.7))];
    const plan = successiveHalvingPruner({ minResource: 1, reductionFactor: 2 }).plan(seen)!;
    expect(plan.score).toBe('current');
    // Rung steps 1, 2, 4, 8: others [0.5, 0.9, 0.7] at step 1, [0.5, 0.7] at 2, 4 and 8.
    expect([...plan.thresholds]).toEqual([NaN, 0.7, 0.5, NaN, 0.5, NaN, NaN, NaN, 0.5, NaN]);
    const rate1 = successiveHalvingPruner({ minResource: 1, reductionFactor: 2, minEarlyStoppingRate: 1 }).plan(seen)!;
    expect([...rate1.thresholds].flatMap((t, s) => (Number.isNaN(t) ? [] : [s]))).toEqual([2, 4, 8]);
    expect(prunedAt(successiveHalvingPruner({ minResource: 1, reductionFactor: 2 }), seen, [0.1, 0.8, 0.1])).toBe(1);
  });

  it('reproduces Optuna test_successive_halving_pruner_rung_check', () => {
    // Seven trials report 0.1 … 0.7 (constant curves to step 7), each judged against those before it.
    const pruner = successiveHalvingPruner({ minResource: 1, reductionFactor: 2 });
    const seen: PrunerTrial[] = [];
    const run = (value: number): number | null => {
      const curve = Array.from({ length: 8 }, () => value);
      const at = prunedAt(pruner, seen, curve);
      seen.push(at === null ? complete(seen.length, curve) : pruned(seen.length, curve.slice(0, at + 1)));
      return at;
    };
    for (let i = 0; i < 7; i++) run(0.1 * (i + 1));
    expect(run(0.75)).toBe(1); // rung 0 completed, not promoted
    expect(run(0.25)).toBe(2); // rung 1 completed, not promoted
    const last = run(0.05);
    expect(last === null || last >= 4).toBe(true); // rung 2 completed (rung 3, step 8, is past its last step)
  });

  it('follows Optuna test_successive_halving_pruner_bootstrap_parameter', () => {
    const pruner = successiveHalvingPruner({ minResource: 1, reductionFactor: 2, bootstrapCount: 1 });
    expect(prunedAt(pruner, [], [1, 1])).toBe(1);
    expect(prunedAt(pruner, [pruned(0, [1, 1])], [1, 1])).toBeNull();
    expect(() => successiveHalvingPruner({ bootstrapCount: 1 })).toThrow(/bootstrapCount/);
  });

  it("estimates 'auto' min_resource once, from the first complete trial: max(last step // 100, 1)", () => {
    const pruner = successiveHalvingPruner();
    expect(pruner.plan([pruned(0, [1, 1])])).toBeNull(); // no complete trial yet: no pruning
    const long = complete(1, Array.from({ length: 301 }, () => 1)); // last step 300 → min_resource 3
    const later = complete(2, Array.from({ length: 1001 }, () => 1));
    const rungs = (t: Float64Array) => [...t].flatMap((v, s) => (Number.isNaN(v) ? [] : [s]));
    expect(rungs(pruner.plan([pruned(0, [1]), long, later])!.thresholds)).toEqual([3, 12, 48, 192, 768]);
    expect(() => successiveHalvingPruner({ reductionFactor: 1 })).toThrow(RangeError);
    expect(() => successiveHalvingPruner({ minResource: 0 })).toThrow(RangeError);
  });
});
