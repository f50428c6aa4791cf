// Replays a finished tuning search's trials one after another on one thread: the training cost of a search
// without the scheduler around it, and a check that the trainer still gives every trial the same scores.
// Reads results/tuning/<set>/trials.csv and the feature tables of the demo (run `pipe repro` first).
// Usage: node dist/bench/ml/replay-trials.js <set> [--trials N]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { prepareTrainingData, prepareTrialFeatures, runTrial } from '../../src/bundle/index.js';
import { parseCsv } from '../../src/util/csv.js';
import { featureTablePath, readFeatureTable } from '../../stages/lib/feature-table.js';
import { loadStudyParams, trialFixedParams } from '../../stages/lib/study-params.js';
import { argValue } from '../lib/cli-timing.js';

const set = process.argv[2] ?? 'mfcc';
const limit = Number(argValue('--trials') ?? Infinity);
const params = loadStudyParams();
const [train, valid] = await Promise.all([readFeatureTable(featureTablePath(set, 'train')), readFeatureTable(featureTablePath(set, 'valid'))]);
const prepared = prepareTrainingData(train, valid, params.validate.labels, { smoteK: params.tuning.smote_k, seed: params.tuning.seed, log: () => {} });
const data = { train: prepared.train, valid: prepared.valid, numClass: prepared.encoder.classes.length, fixed: trialFixedParams(params) };

const binned = prepareTrialFeatures(data);
const csv = parseCsv(readFileSync(`results/tuning/${set}/trials.csv`, 'utf8'));
const header = csv.header;
const names = Object.keys(params.tuning.space);
const col = (name: string): number => header.indexOf(name);
let totalCpu = 0;
let mismatches = 0;
const rows = csv.rows.filter((r) => r[col('state')] === 'complete').slice(0, limit);
console.log(`${set}: ${prepared.train.x.rows} training rows × ${prepared.train.x.cols} features, ${prepared.valid.x.rows} valid rows; ${rows.length} trials; load ${loadavg()[0]!.toFixed(2)}`);
for (const r of rows) {
  const sampled: Record<string, number> = {};
  for (const n of names) sampled[n] = Number(r[col(n)]);
  const c0 = process.cpuUsage();
  const score = runTrial(data, sampled, binned);
  const c = process.cpuUsage(c0);
  const cpuS = (c.user + c.system) / 1e6;
  totalCpu += cpuS;
  const same = String(score.uar) === r[col('uar_valid')] && String(score.macroF1) === r[col('macro_f1_valid')];
  if (!same) mismatches++;
  console.log(`trial ${r[col('trial')]}: ${cpuS.toFixed(2)} s CPU, depth ${sampled['max_depth']}, ${score.rounds} rounds${same ? '' : `  SCORE CHANGED: ${score.uar} vs ${r[col('uar_valid')]}`}`);
}
console.log(`total ${totalCpu.toFixed(2)} s CPU over ${rows.length} trials; ${mismatches} score(s) changed; load ${loadavg()[0]!.toFixed(2)}`);
