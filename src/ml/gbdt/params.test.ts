// Parameter names and ranges follow XGBoost 1.7's documentation (doc/parameter.rst).
import { MlInputError } from '../ml-input-error.js';
import { describe, expect, it } from 'vitest';
import { parseGbdtParams } from './params.js';
import { gbdtParamsSchema } from './params-schema.js';

describe('parseGbdtParams', () => {
  it('applies XGBoost defaults', () => {
    const p = parseGbdtParams({ objective: 'multi:softprob', num_class: 3 });
    expect(p).toMatchObject({ eta: 0.3, lambda: 1, alpha: 0, gamma: 0, minChildWeight: 1, maxDepth: 6, subsample: 1, colsampleBytree: 1, baseScore: 0.5, treeMethod: 'exact', maxBin: 256, backend: 'ts' });
  });

  it('accepts the scikit-learn aliases and num_boost_round', () => {
    const p = parseGbdtParams({ num_class: 5, learning_rate: 0.1, reg_lambda: 2, reg_alpha: 0.5, n_estimators: 40, min_split_loss: 1 });
    expect(p).toMatchObject({ objective: 'multi:softprob', eta: 0.1, lambda: 2, alpha: 0.5, numBoostRound: 40, gamma: 1 });
    expect(parseGbdtParams({ num_boost_round: 7 }).numBoostRound).toBe(7);
    expect(parseGbdtParams({ num_boost_round: 7 }).objective).toBe('binary:logistic');
  });

  it('ignores thread and logging options', () => {
    expect(() => parseGbdtParams({ nthread: 1, verbosity: 0, eval_metric: 'mlogloss', num_class: 2 })).not.toThrow();
  });

  it('rejects unknown names, duplicated aliases and out-of-range values', () => {
    expect(() => parseGbdtParams({ etaa: 0.1 })).toThrow(/unknown parameter\(s\) 'etaa'/);
    expect(() => parseGbdtParams({ eta: 0.1, learning_rate: 0.2 })).toThrow(MlInputError);
    expect(() => parseGbdtParams({ eta: 1.5 })).toThrow(MlInputError);
    expect(() => parseGbdtParams({ max_depth: 2.5 })).toThrow(MlInputError);
    expect(() => parseGbdtParams({ subsample: 0 })).toThrow(MlInputError);
    expect(() => parseGbdtParams({ objective: 'multi:softprob' })).toThrow(/num_class/);
    expect(() => parseGbdtParams({ objective: 'reg:squarederror' })).toThrow(MlInputError);
    expect(() => parseGbdtParams({ tree_method: 'gpu_hist' })).toThrow(MlInputError);
    expect(() => parseGbdtParams({ lambda: 'x' })).toThrow(MlInputError);
  });

  it('takes its ranges from gbdtParamsSchema, so a config checked with the schema fails with the same words', () => {
    for (const [name, value] of [['eta', 1.5], ['subsample', 0], ['max_bin', 1], ['max_delta_step', 1]] as const) {
      const schemaMessage = gbdtParamsSchema.shape[name].safeParse(value).error?.issues[0]?.message;
      expect(schemaMessage).toBeDefined();
      expect(() => parseGbdtParams({ [name]: value })).toThrow(`params: '${name}' ${schemaMessage}, got ${value}`);
    }
    expect(gbdtParamsSchema.safeParse({ learning_rate: 0.1, n_estimators: 40, nthread: 2 }).success).toBe(true);
    expect(gbdtParamsSchema.safeParse({ etaa: 0.1 }).success).toBe(false);
  });
});
