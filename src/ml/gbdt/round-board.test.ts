// A training whose rounds are shared with a helper thread must give the very model it gives alone, and the
// helper must really have grown some of its trees.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { referenceData } from '../../../test/support/gbdt-reference-data.js';
import type { Matrix } from '../matrix.js';
import { parseGbdtParams } from './params.js';
import { predictProba } from './predict.js';
import { prepareHistFeatures, trainGbdt, type TrainGbdtResult } from './train.js';
import { closeBoard, createRoundBoard, helpTraining, openBoard } from './round-board.js';
import { splitParams } from './split-gain.js';
import { TrainingHelper } from './training-helper.js';

const { train, test } = referenceData();
const withMissing = (x: Matrix): Matrix => ({ ...x, data: Float64Array.from(x.data, (v, i) => (i % 31 === 4 ? Number.NaN : v)) });

function modelHash(res: TrainGbdtResult): string {
  const hash = createHash('sha256');
  for (const tree of res.model.trees) {
    for (const a of Object.values(tree)) if (ArrayBuffer.isView(a)) hash.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  }
  hash.update(JSON.stringify(res.validLoss));
  return hash.digest('hex');
}

describe('boosting rounds shared with a helper thread', () => {
  it('gives the same model as one thread, with trees grown by the helper', async () => {
    const x = withMissing(train.x);
    const params = parseGbdtParams({
      objective: 'multi:softprob', num_class: 5, tree_method: 'hist', seed: 3, max_depth: 6, eta: 0.3,
      subsample: 0.8, colsample_bytree: 0.7, reg_alpha: 0.5, num_boost_round: 12,
    });
    const valid = { x: test.x, labels: test.labels! };
    const alone = trainGbdt(x, train.labels!, params, { valid });
    const prepared = prepareHistFeatures(x, params.maxBin);
    const helper = TrainingHelper.start(prepared, 5);
    try {
      const shared = trainGbdt(x, train.labels!, params, { valid, prepared, board: helper.board });
      const again = trainGbdt(x, train.labels!, params, { valid, prepared, board: helper.board });
      expect(modelHash(shared)).toBe(modelHash(alone));
      expect(modelHash(again)).toBe(modelHash(alone));
      expect(Array.from(predictProba(shared.model, test.x))).toEqual(Array.from(predictProba(alone.model, test.x)));
      expect(helper.treesGrown).toBeGreaterThan(0);
    } finally {
      await helper.close();
    }
  }, 120_000);

  it('a helper holding other bins grows nothing, and the training still completes alone', async () => {
    const params = parseGbdtParams({ objective: 'multi:softprob', num_class: 5, tree_method: 'hist', seed: 1, max_depth: 4, num_boost_round: 5 });
    const alone = trainGbdt(train.x, train.labels!, params);
    const helper = TrainingHelper.start(prepareHistFeatures(train.x, 64), 5);
    try {
      const shared = trainGbdt(train.x, train.labels!, params, { board: helper.board });
      expect(modelHash(shared)).toBe(modelHash(alone));
      expect(helper.treesGrown).toBe(0);
    } finally {
      await helper.close();
    }
  }, 60_000);

  it('a helper returns when an open board stays silent (its owner died), and at once when it is closed', () => {
    const prepared = prepareHistFeatures(train.x, 256);
    const board = createRoundBoard(train.x.rows, train.x.cols, 5);
    openBoard(board, splitParams({ eta: 0.3, lambda: 1, alpha: 0, gamma: 0, minChildWeight: 1, maxDepth: 6 }), prepared.hist);
    const t0 = performance.now();
    expect(helpTraining(board, prepared, 150)).toBe(false);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(150);
    expect(performance.now() - t0).toBeLessThan(2000);
    closeBoard(board);
    expect(helpTraining(board, prepared, 10_000)).toBe(true);
  });
});
