// tree_method exact is deterministic: trained here it must reproduce XGBoost 1.7.4's trees node by node and its
// test probabilities (pred_<run>.csv) to 1e-5 (reference: test/fixtures/reference/gbdt, from shared/reference).
import { describe, expect, it } from 'vitest';
import { modelFromJson } from './model-json.js';
import { parseGbdtParams } from './params.js';
import { predictProba } from './predict.js';
import { referenceData, referencePredictions, referenceRuns, referenceText } from '../../../test/support/gbdt-reference-data.js';
import { trainGbdt } from './train.js';

const { train, test } = referenceData();
const runs = referenceRuns();

describe('exact tree method against XGBoost 1.7.4', () => {
  for (const run of ['exact_d4_r50', 'exact_reg_r30']) {
    it(`${run}: same trees and probabilities within 1e-5`, () => {
      const params = parseGbdtParams(runs[run]!.params);
      const { model } = trainGbdt(train.x, train.labels!, params, { featureNames: train.featureNames });
      const prob = predictProba(model, test.x);
      const ref = referencePredictions(run);
      let maxDiff = 0;
      for (let i = 0; i < ref.length; i++) maxDiff = Math.max(maxDiff, Math.abs(prob[i]! - ref[i]!));
      expect(maxDiff).toBeLessThan(1e-5);

      const xgb = modelFromJson(referenceText(`model_${run}.json`));
      expect(model.trees.length).toBe(xgb.trees.length);
      model.trees.forEach((tree, t) => {
        const other = xgb.trees[t]!;
        expect(tree.numNodes, `tree ${t}`).toBe(other.numNodes);
        expect(Array.from(tree.leftChildren), `tree ${t}`).toEqual(Array.from(other.leftChildren));
        expect(Array.from(tree.splitIndices), `tree ${t}`).toEqual(Array.from(other.splitIndices));
        expect(Array.from(tree.defaultLeft), `tree ${t}`).toEqual(Array.from(other.defaultLeft));
        for (let n = 0; n < tree.numNodes; n++) {
          const a = tree.splitConditions[n]!;
          const b = other.splitConditions[n]!;
          expect(Math.abs(a - b), `tree ${t} node ${n}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(b)));
          expect(Math.abs(tree.sumHessian[n]! - other.sumHessian[n]!)).toBeLessThanOrEqual(1e-5 * Math.max(1, other.sumHessian[n]!));
        }
      });
    });
  }
});
