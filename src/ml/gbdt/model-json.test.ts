// Models saved by XGBoost 1.7.4 (test/fixtures/reference/gbdt/model_*.json) load, predict pred_*.csv, and are
// written back byte for byte.
import { MlInputError } from '../ml-input-error.js';
import { describe, expect, it } from 'vitest';
import { formatFloat32 } from './float-format.js';
import { modelFromJson, modelToJson } from './model-json.js';
import { predictProba } from './predict.js';
import { referenceData, referencePredictions, referenceText } from '../../../test/support/gbdt-reference-data.js';

const { test } = referenceData();

describe('XGBoost JSON models', () => {
  for (const run of ['exact_d4_r50', 'exact_reg_r30']) {
    it(`${run}: XGBoost's model predicts its own probabilities within 1e-5`, () => {
      const model = modelFromJson(referenceText(`model_${run}.json`));
      expect(model.trees.length).toBe(run === 'exact_d4_r50' ? 250 : 150);
      const prob = predictProba(model, test.x);
      const ref = referencePredictions(run);
      expect(prob.length).toBe(ref.length);
      let maxDiff = 0;
      for (let i = 0; i < ref.length; i++) maxDiff = Math.max(maxDiff, Math.abs(prob[i]! - ref[i]!));
      expect(maxDiff).toBeLessThan(1e-5);
    });

    it(`${run}: load then save reproduces XGBoost's file byte for byte`, () => {
      const text = referenceText(`model_${run}.json`);
      expect(modelToJson(modelFromJson(text))).toBe(text);
    });
  }

  it('rejects what it cannot represent', () => {
    expect(() => modelFromJson('{')).toThrow(MlInputError);
    expect(() => modelFromJson('{"learner":{}}')).toThrow(/not an XGBoost JSON model/);
    const text = referenceText('model_exact_reg_r30.json').replace('"name":"multi:softprob"', '"name":"reg:squarederror"');
    expect(() => modelFromJson(text)).toThrow(/objective 'reg:squarederror'/);
  });
});

describe('formatFloat32', () => {
  it("writes XGBoost's shortest round-trip form", () => {
    expect(formatFloat32(0.5)).toBe('5E-1');
    expect(formatFloat32(0)).toBe('0E0');
    expect(formatFloat32(-0)).toBe('-0E0');
    expect(formatFloat32(1152.0001)).toBe('1.1520001E3');
    expect(formatFloat32(2.95703125)).toBe('2.9570312E0'); // exact tie: even last digit
  });
});
