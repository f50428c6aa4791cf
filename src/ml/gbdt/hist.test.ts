// tree_method hist with row/column subsampling is random: compare test UAR (balanced accuracy) and log loss with
// XGBoost 1.7.4's runs in summary.json (test/fixtures/reference/gbdt), within ±0.015 and ±0.01.
import { describe, expect, it } from 'vitest';
import { parseGbdtParams } from './params.js';
import { predictProba } from './predict.js';
import { referenceData, referenceRuns } from './reference-data.js';
import { trainGbdt } from './train.js';

const { train, test } = referenceData();
const runs = referenceRuns();

/** Unweighted average recall (mean per-class recall) and mean log loss of row-major probabilities. */
function uarAndLogLoss(prob: Float32Array, labels: Int32Array, k: number): { uar: number; logLoss: number } {
  const hits = new Array<number>(k).fill(0);
  const counts = new Array<number>(k).fill(0);
  let ll = 0;
  labels.forEach((y, i) => {
    let arg = 0;
    for (let c = 1; c < k; c++) if (prob[i * k + c]! > prob[i * k + arg]!) arg = c;
    counts[y]!++;
    if (arg === y) hits[y]!++;
    ll -= Math.log(Math.max(prob[i * k + y]!, 1e-15));
  });
  const present = counts.filter((c) => c > 0).length;
  return { uar: hits.reduce((s, h, c) => s + (counts[c]! > 0 ? h / counts[c]! : 0), 0) / present, logLoss: ll / labels.length };
}

describe('hist tree method against XGBoost 1.7.4 (statistically)', () => {
  for (const run of ['hist_vocalbaby_best', 'hist_d8_r200']) {
    it(`${run}: UAR within ±0.015, log loss within ±0.01`, () => {
      const ref = runs[run]!;
      const { model } = trainGbdt(train.x, train.labels!, parseGbdtParams(ref.params));
      const m = uarAndLogLoss(predictProba(model, test.x), test.labels!, 5);
      expect(Math.abs(m.uar - ref.test_metrics.uar)).toBeLessThan(0.015);
      expect(Math.abs(m.logLoss - ref.test_metrics.log_loss)).toBeLessThan(0.01);
    });
  }

  it('is deterministic for a seed and changes with it', () => {
    const params = parseGbdtParams({ ...runs['hist_vocalbaby_best']!.params, num_boost_round: 3 });
    const a = predictProba(trainGbdt(train.x, train.labels!, params).model, test.x);
    const b = predictProba(trainGbdt(train.x, train.labels!, params).model, test.x);
    const c = predictProba(trainGbdt(train.x, train.labels!, { ...params, seed: 1 }).model, test.x);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });
});
