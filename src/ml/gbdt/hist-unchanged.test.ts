// Speed work on the hist trainer must leave its models unchanged byte for byte: models trained here are hashed and
// compared with the hashes the trainer gave before issue #18's optimisations (commit 73acd44), for feature counts
// that take every path of the histogram kernel (4, 2 and 1 features per pass), missing values, L1 and early stopping.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { referenceData } from '../../../test/support/gbdt-reference-data.js';
import type { Matrix } from '../matrix.js';
import { parseGbdtParams } from './params.js';
import { trainGbdt } from './train.js';

const { train, test } = referenceData();
const withMissing = (x: Matrix, every: number, at: number): Matrix => ({ ...x, data: Float64Array.from(x.data, (v, i) => (i % every === at ? Number.NaN : v)) });
const base = { objective: 'multi:softprob', num_class: 5, tree_method: 'hist', seed: 0 };

/** sha256 (16 hex digits) of every tree array of the model and of the validation loss history. */
function modelHash(raw: Record<string, unknown>, x: Matrix, vx: Matrix): string {
  const res = trainGbdt(x, train.labels!, parseGbdtParams(raw), { valid: { x: vx, labels: test.labels! } });
  const hash = createHash('sha256');
  for (const tree of res.model.trees) {
    for (const a of Object.values(tree)) if (ArrayBuffer.isView(a)) hash.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  }
  hash.update(JSON.stringify(res.validLoss));
  return hash.digest('hex').slice(0, 16);
}

describe('hist trainer output is unchanged by the speed work', () => {
  it('53 sampled features (4 per pass, then 1)', () => {
    expect(modelHash({ ...base, max_depth: 5, eta: 0.2, colsample_bytree: 0.61, num_boost_round: 25 }, train.x, test.x)).toBe('c6a3d730df5b6409');
  });
  it('55 sampled features with row sampling (4, 2, then 1 per pass)', () => {
    const raw = { ...base, max_depth: 5, eta: 0.2, colsample_bytree: 0.63, subsample: 0.8, num_boost_round: 25 };
    expect(modelHash(raw, train.x, test.x)).toBe('1031980afe693af8');
  });
  it('missing values, L1, min_child_weight and early stopping', () => {
    const raw = { ...base, max_depth: 6, eta: 0.2, reg_alpha: 1.5, min_child_weight: 3, num_boost_round: 40, early_stopping_rounds: 5 };
    expect(modelHash(raw, withMissing(train.x, 17, 3), withMissing(test.x, 19, 5))).toBe('f173d2bdadf2c658');
  });
  it('deep trees whose small nodes are scanned row-wise (missing values, row sampling, gamma)', () => {
    const raw = { ...base, max_depth: 11, eta: 0.3, subsample: 0.7, colsample_bytree: 0.8, gamma: 0.05, num_boost_round: 12 };
    expect(modelHash(raw, withMissing(train.x, 23, 7), withMissing(test.x, 29, 2))).toBe('19239df4b9d8b161');
  });
  it('deep trees with min_child_weight and L1 (no missing values)', () => {
    const raw = { ...base, max_depth: 9, eta: 0.3, min_child_weight: 2, reg_alpha: 0.5, reg_lambda: 2, num_boost_round: 12 };
    expect(modelHash(raw, train.x, test.x)).toBe('869a07c3084d7db7');
  });
});
