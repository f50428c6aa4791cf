// Stage `train` of the burst study: per-fold SmallCNNs (cv none | kfold | lofo, by recording) with their validation
// scores and mean ± std, then the final model on all training recordings, written to models/burst (weights,
// ONNX export, burst-model.json, metadata.json) and results/cv.json. Progress: one line per epoch.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { loadBurstDataset } from '../../src/burst/dataset.js';
import { BurstError } from '../../src/burst/burst-error.js';
import { sha256File } from '../../src/burst/manifest.js';
import { BURST_MODEL_FILE, ONNX_FILE, WEIGHTS_FILE, writeBurstModel } from '../../src/burst/model-dir.js';
import { gitState, runMetadata } from '../../src/burst/run-metadata.js';
import { crossValidate } from '../../src/burst/training/cross-validate.js';
import { DEFAULT_ARCH } from '../../src/nn/index.js';
import { replaceDirectory, writeFileAtomic } from '../lib/atomic-output.js';
import { MODEL_DIR, readPrepared, readStudyParams, runBurstStage } from './study.js';

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

runBurstStage('train', async () => {
  const started = performance.now();
  const params = readStudyParams();
  const prepared = readPrepared();
  const dataset = loadBurstDataset(params.data.dir, { onProblem: params.data.on_problem });
  if (dataset.hash !== prepared.dataset_hash) throw new BurstError('bad-params', `${params.data.dir}: dataset changed since the prepare stage (hash ${dataset.hash.slice(0, 12)} ≠ ${prepared.dataset_hash.slice(0, 12)}); run pipe repro`);
  const t = params.train;
  const result = await crossValidate(dataset.recordings, prepared.splits, {
    cv: t.cv,
    lengthSamples: prepared.segment_samples,
    epochs: t.epochs,
    batchSize: t.batch_size,
    learningRate: t.learning_rate,
    seed: t.seed,
    augment: t.augment,
    selectBy: t.select_by,
    dropout: t.dropout,
    threads: t.threads,
    onEpoch: (model, e) => {
      const val = e.val_accuracy === null ? '' : ` val_acc ${e.val_accuracy.toFixed(3)} val_macro_f1 ${e.val_macro_f1!.toFixed(3)}`;
      console.log(`train: ${model} epoch ${e.epoch} loss ${e.loss.toFixed(4)} acc ${e.train_accuracy.toFixed(3)}${val} (${e.seconds.toFixed(1)} s)`);
    },
  });
  const arch = { ...DEFAULT_ARCH, dropout: t.dropout };
  const cvSummary = {
    cv: result.cv,
    folds: result.folds.length,
    accuracy_mean: round(result.summary.accuracy.mean),
    accuracy_std: round(result.summary.accuracy.std),
    macro_f1_mean: round(result.summary.macro_f1.mean),
    macro_f1_std: round(result.summary.macro_f1.std),
  };
  await replaceDirectory(MODEL_DIR, (dir) => {
    const modelMetadata = { epochs: result.final.epochs, params: t, git: gitState('.'), dataset_hash: dataset.hash, fold: 'final', cv: cvSummary };
    writeBurstModel(dir, arch, result.final.state, prepared.segment_samples, modelMetadata);
    const artifacts = Object.fromEntries([WEIGHTS_FILE, ONNX_FILE, BURST_MODEL_FILE].map((f) => [f, sha256File(join(dir, f))]));
    const metadata = runMetadata({
      cwd: '.',
      params,
      datasetHash: dataset.hash,
      manifest: dataset.manifest,
      manifestSha256: createHash('sha256').update(JSON.stringify(dataset.manifest.files)).digest('hex'),
      labelCounts: dataset.labelCounts,
      segments: { total: dataset.manifest.n_segments, final_training: result.final.trainSegments, fixed_length_samples: prepared.segment_samples },
      splits: prepared.splits,
      training: { cv: cvSummary, folds: result.folds, final: { epochs: result.final.epochs, log: result.final.log }, seconds: (performance.now() - started) / 1000 },
      artifacts,
    });
    writeFileAtomic(join(dir, 'metadata.json'), `${JSON.stringify(metadata, null, 2)}\n`);
  });
  writeFileAtomic('results/cv.json', `${JSON.stringify({ ...cvSummary, per_fold: result.folds.map((f) => ({ fold: f.fold, best_epoch: f.best_epoch, accuracy: round(f.accuracy), macro_f1: round(f.macro_f1) })) }, null, 2)}\n`);
  console.log(`train: ${result.cv} ${result.folds.length} fold(s): accuracy ${cvSummary.accuracy_mean.toFixed(3)} ± ${cvSummary.accuracy_std.toFixed(3)}, macro F1 ${cvSummary.macro_f1_mean.toFixed(3)} ± ${cvSummary.macro_f1_std.toFixed(3)}; final model ${result.final.epochs} epochs on ${result.final.trainSegments} segments -> ${MODEL_DIR} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
});
