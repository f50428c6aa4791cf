// Stage `train <set>`: the final XGBoost model with the tuned parameters, fitted on the imputed, SMOTE-balanced
// training split (the same preprocessing and seeds as the tuning trials, so it equals the chosen trial's model),
// saved as a bundle in results/models/<set>/ (model.json in XGBoost's JSON format, bundle.json with the feature
// set, imputer, label encoder and the training distribution for drift monitoring).
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { prepareTrainingData, saveModelBundle, trialGbdtParams } from '../src/bundle/index.js';
import { parseGbdtParams, trainGbdtOnThreads } from '../src/ml/index.js';
import { coreBudget } from '../src/util/core-budget.js';
import { replaceDirectory, writeFileAtomic } from './lib/atomic-output.js';
import { featureTablePath, readFeatureTable, SKIPPED_FILE } from './lib/feature-table.js';
import { StageError, runStage } from './lib/stage-error.js';
import { featureSetParams, loadStudyParams } from './lib/study-params.js';

const bestParamsSchema = z.object({
  feature_set: z.string(),
  params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  rounds: z.number().int().positive().nullable(),
  fixed: z.record(z.string(), z.union([z.number(), z.string()])),
});

runStage('train', async () => {
  const set = process.argv[2];
  if (set === undefined) throw new StageError('usage: train <feature set>');
  const params = loadStudyParams();
  const target = `results/models/${set}`;
  const tuningDir = `results/tuning/${set}`;
  if (existsSync(`${tuningDir}/${SKIPPED_FILE}`)) {
    console.log(`train: skipping ${set} (not tuned: see ${tuningDir}/${SKIPPED_FILE})`);
    await replaceDirectory(target, (dir) => writeFileAtomic(`${dir}/${SKIPPED_FILE}`, readFileSync(`${tuningDir}/${SKIPPED_FILE}`)));
    return;
  }
  const best = readBestParams(`${tuningDir}/best_params.json`);
  const [train, valid] = await Promise.all([readFeatureTable(featureTablePath(set, 'train')), readFeatureTable(featureTablePath(set, 'valid'))]);
  const prepared = prepareTrainingData(train, valid, params.validate.labels, {
    smoteK: params.tuning.smote_k,
    seed: params.tuning.seed,
    log: (line) => console.log(`train: ${set}: ${line}`),
  });
  // Early stopping chose the number of rounds during tuning; the final fit uses exactly that many.
  const { early_stopping_rounds: _dropped, ...fixed } = best.fixed;
  const sampled = best.rounds === null ? best.params : { ...best.params, n_estimators: best.rounds };
  const raw = trialGbdtParams({ numClass: prepared.encoder.classes.length, fixed }, sampled);
  const started = performance.now();
  // the core budget's second thread grows some of each round's trees (the model is the same on one thread)
  const { model } = await trainGbdtOnThreads(prepared.train.x, prepared.train.y, parseGbdtParams(raw), { featureNames: prepared.columns }, coreBudget());
  await saveModelBundle(target, {
    model,
    featureSet: set,
    featureParams: featureSetParams(params, set),
    columns: prepared.columns,
    imputer: prepared.imputer,
    encoder: prepared.encoder,
    trainingParams: raw as Record<string, string | number | boolean>,
    nTrainRows: prepared.train.x.rows,
    seed: params.train.seed,
    trainingFeatures: prepared.trainImputed,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`train: ${set}: ${prepared.train.x.rows} rows (after SMOTE) × ${prepared.columns.length} features, ` +
    `${String(sampled['n_estimators'])} rounds in ${seconds} s -> ${target}`);
});

function readBestParams(path: string): z.infer<typeof bestParamsSchema> {
  if (!existsSync(path)) throw new StageError(`${path}: not found (run tune first)`);
  const parsed = bestParamsSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new StageError(`${path}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
