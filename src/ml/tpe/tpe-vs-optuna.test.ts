// Study-level quality check of the default TPE sampler against Optuna 3.1.0 (test/fixtures/reference/hpo):
// on Branin, Hartmann-6, the XGBoost-like space and ZDT1 (hypervolume), over seeds 0–19, the median best value
// after 40 and 100 trials must be at least as good as Optuna's TPE median, and clearly better than random.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROBLEMS, medianOf, runProblem } from '../../../bench/tpe/problems.js';
import { randomSampler, tpeSampler } from './index.js';

interface Reference {
  checkpoints: number[];
  problems: Record<string, { tpe: { median: number[] }; random: { median: number[] } }>;
}
const ref = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/reference/hpo/optuna_tpe_vs_random.json', import.meta.url), 'utf8'),
) as Reference;
const CHECKPOINTS = [40, 100];
const SEEDS = Array.from({ length: 20 }, (_, s) => s);

describe.each(PROBLEMS.map((p) => [p.name, p] as const))('TPE vs Optuna 3.1 TPE on %s (20 seeds)', (name, problem) => {
  it('matches or beats Optuna TPE medians at 40 and 100 trials and clearly beats random', () => {
    const ours = CHECKPOINTS.map(() => [] as number[]);
    const random = CHECKPOINTS.map(() => [] as number[]);
    for (const seed of SEEDS) {
      runProblem(problem, tpeSampler({ seed, nStartupTrials: 10 }), CHECKPOINTS).atCheckpoints.forEach((v, i) => ours[i]?.push(v));
      runProblem(problem, randomSampler({ seed }), CHECKPOINTS).atCheckpoints.forEach((v, i) => random[i]?.push(v));
    }
    const sign = problem.nObjectives === 2 ? -1 : 1; // hypervolume is maximised
    CHECKPOINTS.forEach((n, i) => {
      const k = ref.checkpoints.indexOf(n);
      const optunaTpe = ref.problems[name]?.tpe.median[k] ?? Number.NaN;
      const optunaRandom = ref.problems[name]?.random.median[k] ?? Number.NaN;
      const oursMedian = medianOf(ours[i] ?? []);
      const randomMedian = medianOf(random[i] ?? []);
      expect(sign * oursMedian, `${name} n=${n}: ours ${oursMedian} vs Optuna TPE ${optunaTpe}`).toBeLessThanOrEqual(sign * optunaTpe);
      expect(sign * oursMedian).toBeLessThan(sign * optunaRandom);
      expect(sign * oursMedian).toBeLessThan(sign * randomMedian);
    });
  });
});
