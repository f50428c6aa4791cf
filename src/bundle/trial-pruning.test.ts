// Pruned tuning trials in real worker threads: the valid mlogloss curve is the intermediate value, a pruned trial
// stops training early, and the search's trials are identical with one or two trial threads.
import { afterAll, describe, expect, it } from 'vitest';
import { matrix } from '../ml/matrix.js';
import { createStudy, medianPruner, successiveHalvingPruner, tpeSampler, type FrozenTrial, type Pruner, type SearchSpace } from '../ml/index.js';
import { Rng } from '../util/random.js';
import { prepareTrialFeatures, runTrial, startTrialPool, type TrialData } from './trial.js';

/** Three overlapping Gaussian classes in 6 dimensions (seeded). */
function blobs(rows: number, seed: number): { x: ReturnType<typeof matrix>; y: Int32Array } {
  const rng = new Rng(seed);
  const cols = 6;
  const data = new Float64Array(rows * cols);
  const y = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    y[r] = r % 3;
    for (let c = 0; c < cols; c++) data[r * cols + c] = rng.normal(c < 3 && c === y[r] ? 1.2 : 0, 1);
  }
  return { x: matrix(data, rows, cols), y };
}

const data: TrialData = {
  train: blobs(240, 1), valid: blobs(120, 2), numClass: 3,
  fixed: { tree_method: 'hist', max_bin: 32, seed: 1, early_stopping_rounds: 10 },
};
const space: SearchSpace = {
  max_depth: { type: 'int', low: 1, high: 6 },
  learning_rate: { type: 'float', low: 0.02, high: 0.6, log: true },
  n_estimators: { type: 'int', low: 20, high: 60 },
  subsample: { type: 'float', low: 0.5, high: 1 },
};
const pools: { close(): Promise<void> }[] = [];
afterAll(async () => Promise.all(pools.map((p) => p.close())));

async function tune(pruner: Pruner, threads: number): Promise<FrozenTrial[]> {
  const pool = await startTrialPool(data, threads);
  pools.push(pool);
  const study = createStudy({ directions: ['maximize', 'maximize'], sampler: tpeSampler({ seed: 4, nStartupTrials: 3 }), pruner });
  await study.optimize(async (trial, { prunePlan }) => {
    const score = await pool.run(trial.params, { prune: prunePlan });
    const intermediate = score.intermediate ?? [];
    return score.pruned === true ? { state: 'pruned', intermediate } : { values: [score.uar, score.macroF1], intermediate };
  }, { space, nTrials: 10, concurrency: 2 });
  return [...study.trials];
}

describe('runTrial with a prune plan', () => {
  it('stops training at the first checked step above the threshold and is not scored', () => {
    const params = { max_depth: 3, learning_rate: 0.1, n_estimators: 30, subsample: 1 };
    const full = runTrial(data, params, undefined, undefined, { curve: true });
    expect(full.intermediate).toHaveLength(30);
    expect(full.pruned).toBeUndefined();
    expect(runTrial(data, params)).not.toHaveProperty('intermediate'); // default: as before, no curve
    expect(runTrial(data, params, prepareTrialFeatures(data), undefined, { curve: true })).toEqual(full); // the workers' shared bins
    const thresholds = new Float64Array(30).fill(Number.NaN);
    thresholds[5] = full.intermediate![5]! - 1e-9; // best so far at step 5 is the value there (the loss falls)
    const pruned = runTrial(data, params, undefined, undefined, { prune: { thresholds, score: 'best-so-far' } });
    expect(pruned.pruned).toBe(true);
    expect(pruned.uar).toBeNaN();
    expect(pruned.intermediate).toEqual(full.intermediate!.slice(0, 6));
    thresholds[5] = full.intermediate![5]!;
    const kept = runTrial(data, params, undefined, undefined, { prune: { thresholds, score: 'best-so-far' } });
    expect(kept).toEqual({ ...full, intermediate: full.intermediate });
  });
});

describe('a pruned search in the trial pool', () => {
  it('gives identical trials with one and two threads, for both pruners', async () => {
    for (const pruner of [medianPruner({ nStartupTrials: 2 }), successiveHalvingPruner({ minResource: 2, reductionFactor: 2 })]) {
      const one = await tune(pruner, 1);
      const two = await tune(pruner, 2);
      expect(two).toEqual(one);
      expect(one.some((t) => t.state === 'pruned')).toBe(true);
      expect(one.some((t) => t.state === 'complete')).toBe(true);
    }
  }, 120_000);
});
