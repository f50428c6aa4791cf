// Cross-validation over recordings: per-fold results and mean ± std for kfold, lofo and none, and the final model's
// epoch count (median of the folds' best epochs; the single model's best epoch with none).
import { describe, expect, it } from 'vitest';
import { Rng } from '../../util/random.js';
import { BURST_CLASSES } from '../classes.js';
import type { Recording } from '../dataset.js';
import { splitRecordings } from '../splits.js';
import { crossValidate, meanStd } from './cross-validate.js';

/** Recordings of 2 s with one segment of each class at 0.2, 0.8 and 1.4 s. */
function recordings(n: number): Recording[] {
  return Array.from({ length: n }, (_, r) => {
    const rng = new Rng(r);
    const samples = Float32Array.from({ length: 44100 }, () => 0.01 * rng.normal());
    for (let j = 0; j < 400; j++) samples[4410 + j] = samples[4410 + j]! + rng.normal() * Math.exp(-j / 80);
    for (let k = 0; k < 4; k++) for (let j = 0; j < 300; j++) samples[17640 + k * 1500 + j] = samples[17640 + k * 1500 + j]! + rng.normal() * Math.exp(-j / 60);
    for (let j = 0; j < 6000; j++) samples[30870 + j] = samples[30870 + j]! + 0.3 * Math.sin(j * 0.1);
    const segments = BURST_CLASSES.map((label, i) => ({ startS: 0.2 + 0.6 * i, endS: 0.5 + 0.6 * i, label, line: i + 1 }));
    return { id: `rec${r}`, audioRelpath: `rec${r}.wav`, labelRelpath: `rec${r}.txt`, sourceSampleRateHz: 22050, samples, segments };
  });
}

const counts = (recs: Recording[]): { id: string; counts: number[] }[] => recs.map((r) => ({ id: r.id, counts: [1, 1, 1] }));
const train = { epochs: 2, batchSize: 4, learningRate: 1e-3, seed: 1, augment: false, selectBy: 'macro_f1' as const, dropout: 0, threads: 1, lengthSamples: 11025 };

describe('crossValidate', () => {
  const recs = recordings(5);
  it.each(['kfold', 'lofo', 'none'] as const)('cv %s: one result per fold, mean ± std, a final model', async (cv) => {
    const splits = splitRecordings(counts(recs), { testShare: 0.2, cv, folds: 2, valShare: 0.25, seed: 3 });
    const result = await crossValidate(recs, splits, { ...train, cv });
    expect(result.folds).toHaveLength(cv === 'kfold' ? 2 : cv === 'lofo' ? 4 : 1);
    for (const f of result.folds) {
      expect(f.val_recordings.every((id) => !f.train_recordings.includes(id))).toBe(true);
      expect(f.n_val_segments).toBe(3 * f.val_recordings.length);
      expect(f.epochs).toHaveLength(2);
    }
    expect(result.summary.macro_f1).toEqual(meanStd(result.folds.map((f) => f.macro_f1)));
    if (cv === 'none') expect(result.final.epochs).toBe(result.folds[0]!.best_epoch);
    else expect(result.final.trainSegments).toBe(3 * splits.train.length);
    expect(result.final.state.get('head.2.weight')!.shape).toEqual([3, 64]);
  }, 120_000);
});
