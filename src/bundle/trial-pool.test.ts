// A trial pool whose calling thread helps the trial running alone must score every trial exactly as a trial run
// in-process does, and the help must really happen.
import { describe, expect, it } from 'vitest';
import { referenceData } from '../../test/support/gbdt-reference-data.js';
import type { Matrix } from '../ml/matrix.js';
import { runTrial, startTrialPool, type TrialData } from './trial.js';

const { train, test } = referenceData();
const head = (x: Matrix, labels: Int32Array, n: number): { x: Matrix; y: Int32Array } => ({
  x: { rows: n, cols: x.cols, data: x.data.slice(0, n * x.cols) },
  y: labels.slice(0, n),
});

describe('trial pool with a helping caller', () => {
  it('scores trials as in-process runs do, with trees grown by the calling thread', async () => {
    const data: TrialData = {
      train: head(train.x, train.labels!, 900),
      valid: head(test.x, test.labels!, 300),
      numClass: 5,
      fixed: { tree_method: 'hist', max_bin: 256, seed: 7, early_stopping_rounds: 5 },
    };
    const trials = [
      { max_depth: 5, learning_rate: 0.3, n_estimators: 40, subsample: 0.8, colsample_bytree: 0.7 },
      { max_depth: 3, learning_rate: 0.2, n_estimators: 30, reg_alpha: 1 },
    ];
    // one worker and two cores: the calling thread helps every trial
    const pool = await startTrialPool(data, 1, 2);
    try {
      for (const t of trials) expect(await pool.run(t)).toEqual(runTrial(data, t));
      expect(pool.treesHelped).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  }, 120_000);
});
