// Properties of training: early stopping on a validation set, binary:logistic, input checks, and parity with a
// system libxgboost (skipped when koffi or libxgboost is absent).
import { describe, expect, it } from 'vitest';
import { matrix, type Matrix } from '../matrix.js';
import { modelFromJson, modelToJson } from './model-json.js';
import { nativeBackendAvailable, predictNative, trainGbdtNative } from './native.js';
import { parseGbdtParams } from './params.js';
import { predictProba } from './predict.js';
import { referenceData } from '../../../test/support/gbdt-reference-data.js';
import { trainGbdt } from './train.js';

const { train, test } = referenceData();

/** The first `n` rows of a matrix. */
function head(x: Matrix, n: number): Matrix {
  return matrix(x.data.slice(0, n * x.cols), n, x.cols);
}

const xs = head(train.x, 800);
const ys = train.labels!.slice(0, 800);
const xv = head(test.x, 800);
const yv = test.labels!.slice(0, 800);
const binary = Int32Array.from(ys, (y) => (y === 0 ? 1 : 0));

describe('trainGbdt', () => {
  it('stops early when the validation loss stops improving, and records best_iteration', () => {
    const params = parseGbdtParams({ num_class: 5, eta: 0.5, max_depth: 4, num_boost_round: 200, early_stopping_rounds: 5, tree_method: 'hist' });
    const res = trainGbdt(xs, ys, params, { valid: { x: xv, labels: yv } });
    const rounds = res.model.trees.length / 5;
    expect(rounds).toBeLessThan(200);
    expect(rounds).toBe(res.bestIteration + 6);
    expect(res.validLoss[res.bestIteration]).toBe(Math.min(...res.validLoss));
    expect(res.model.attributes).toEqual({ best_iteration: String(res.bestIteration), best_ntree_limit: String(res.bestIteration + 1) });
  });

  it('trains binary:logistic with two probability columns that sum to one', () => {
    const params = parseGbdtParams({ objective: 'binary:logistic', max_depth: 3, num_boost_round: 10 });
    const { model } = trainGbdt(xs, binary, params);
    const p = predictProba(model, xv);
    expect(p.length).toBe(2 * xv.rows);
    for (let i = 0; i < xv.rows; i++) expect(p[2 * i]! + p[2 * i + 1]!).toBeCloseTo(1, 6);
    const again = predictProba(modelFromJson(modelToJson(model)), xv);
    expect(Array.from(again)).toEqual(Array.from(p));
  });

  it('rejects labels outside 0..K−1 and mismatched shapes', () => {
    const params = parseGbdtParams({ num_class: 3, num_boost_round: 1 });
    expect(() => trainGbdt(xs, ys, params)).toThrow(/label 3|label 4/);
    expect(() => trainGbdt(xs, ys.slice(1), parseGbdtParams({ num_class: 5, num_boost_round: 1 }))).toThrow(RangeError);
  });
});

describe.skipIf(!nativeBackendAvailable())('native backend (libxgboost through koffi)', () => {
  for (const objective of ['multi:softprob', 'binary:logistic'] as const) {
    it(`${objective}: the TypeScript backend matches libxgboost within 1e-5`, () => {
      const raw = objective === 'multi:softprob' ? { num_class: 5 } : {};
      const params = parseGbdtParams({ objective, ...raw, max_depth: 4, eta: 0.2, gamma: 0.5, reg_alpha: 0.3, min_child_weight: 2, num_boost_round: 15, tree_method: 'exact' });
      const labels = objective === 'binary:logistic' ? binary : ys;
      const ours = predictProba(trainGbdt(xs, labels, params).model, xv);
      const theirs = predictProba(trainGbdtNative(xs, labels, params).model, xv);
      let maxDiff = 0;
      for (let i = 0; i < ours.length; i++) maxDiff = Math.max(maxDiff, Math.abs(ours[i]! - theirs[i]!));
      expect(maxDiff).toBeLessThan(1e-5);
    });
  }

  it('libxgboost loads models written here (hist, subsampled, multi-class and binary) and predicts the same', () => {
    const multi = trainGbdt(xs, ys, parseGbdtParams({ num_class: 5, tree_method: 'hist', max_depth: 5, subsample: 0.8, colsample_bytree: 0.7, gamma: 0.2, num_boost_round: 20 })).model;
    const bin = trainGbdt(xs, binary, parseGbdtParams({ objective: 'binary:logistic', tree_method: 'hist', max_depth: 3, num_boost_round: 10 })).model;
    for (const [model, k] of [[multi, 5], [bin, 1]] as const) {
      const theirs = predictNative(modelToJson(model), xv);
      const ours = predictProba(model, xv);
      expect(theirs.length).toBe(xv.rows * k);
      let maxDiff = 0;
      for (let i = 0; i < xv.rows; i++) {
        for (let c = 0; c < k; c++) {
          const mine = k === 1 ? ours[2 * i + 1]! : ours[i * k + c]!;
          maxDiff = Math.max(maxDiff, Math.abs(mine - theirs[i * k + c]!));
        }
      }
      expect(maxDiff).toBeLessThan(1e-6);
    }
  });
});
