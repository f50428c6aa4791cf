// Stage `tune <set>`: median imputation, SMOTE, and a seeded two-objective TPE search (UAR and macro F1 on valid)
// over the XGBoost space in params.yaml. Trials are sampled in batches of `concurrency` and told in trial order
// (Study.optimize), so results depend neither on timing nor on the threads: they run on min(concurrency, the
// stage's core budget PIPE_CPUS) worker threads, and while a batch's last trial runs alone this thread grows some
// of its trees. A journal beside the output lets an interrupted search resume without losing finished trials.
// Best = the Pareto-optimal trial with the highest UAR. With `tuning.pruner` (median, successive_halving), trials
// stop early on their valid mlogloss curve, judged against the trials before their batch (docs/pipeline.md,
// Pruning); pruned trials are kept as `pruned` in trials.csv.
// Writes results/tuning/<set>/{trials.csv, pareto.csv, best_params.json}.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { prepareTrainingData, startTrialPool } from '../src/bundle/index.js';
import { createStudy, tpeSampler, type FrozenTrial } from '../src/ml/index.js';
import { coreBudget } from '../src/util/core-budget.js';
import { formatCsv } from '../src/util/csv.js';
import { replaceDirectory, stableJson, writeFileAtomic } from './lib/atomic-output.js';
import { featureTablePath, FEATURES_DIR, readFeatureTable, SKIPPED_FILE } from './lib/feature-table.js';
import { StageError, runStage } from './lib/stage-error.js';
import { loadStudyParams, trialFixedParams, tuningPruner, type StudyParams } from './lib/study-params.js';

const TUNING_DIR = 'results/tuning';

runStage('tune', async () => {
  const set = process.argv[2];
  if (set === undefined) throw new StageError('usage: tune <feature set>');
  const params = loadStudyParams();
  const target = `${TUNING_DIR}/${set}`;
  if (existsSync(`${FEATURES_DIR}/${set}/${SKIPPED_FILE}`)) {
    console.log(`tune: skipping ${set} (no features: see ${FEATURES_DIR}/${set}/${SKIPPED_FILE})`);
    await replaceDirectory(target, (dir) => writeFileAtomic(`${dir}/${SKIPPED_FILE}`, readFileSync(`${FEATURES_DIR}/${set}/${SKIPPED_FILE}`)));
    return;
  }
  const [train, valid] = await Promise.all([readFeatureTable(featureTablePath(set, 'train')), readFeatureTable(featureTablePath(set, 'valid'))]);
  const prepared = prepareTrainingData(train, valid, params.validate.labels, {
    smoteK: params.tuning.smote_k,
    seed: params.tuning.seed,
    log: (line) => console.log(`tune: ${set}: ${line}`),
  });
  const fixed = trialFixedParams(params);
  const journalPath = `${TUNING_DIR}/.${set}-${inputKey(set, params)}.journal`;
  const pruner = tuningPruner(params);
  mkdirSync(TUNING_DIR, { recursive: true });
  const study = createStudy({
    directions: ['maximize', 'maximize'],
    sampler: tpeSampler({ seed: params.tuning.seed, nStartupTrials: params.tuning.n_startup_trials }),
    journalPath,
    ...(pruner !== undefined ? { pruner } : {}),
  });
  const resumed = study.trials.filter((t) => t.state !== 'running').length;
  if (resumed > 0) console.log(`tune: ${set}: resuming from ${journalPath} with ${resumed} finished trial(s)`);
  const cores = coreBudget();
  const threads = Math.min(params.tuning.concurrency, cores);
  const pool = await startTrialPool({ train: prepared.train, valid: prepared.valid, numClass: prepared.encoder.classes.length, fixed }, threads, cores);
  const rounds = new Map<number, number>();
  try {
    await study.optimize(async (trial, { prunePlan }) => {
      if (pruner === undefined) {
        const score = await pool.run(trial.params);
        rounds.set(trial.number, score.rounds);
        return [score.uar, score.macroF1];
      }
      const score = await pool.run(trial.params, { prune: prunePlan, curve: true });
      rounds.set(trial.number, score.rounds);
      const intermediate = score.intermediate ?? [];
      return score.pruned === true ? { state: 'pruned', intermediate } : { values: [score.uar, score.macroF1], intermediate };
    }, {
      space: params.tuning.space,
      nTrials: params.tuning.n_trials,
      concurrency: params.tuning.concurrency,
      onTrialFinished: (t) => console.log(`tune: ${set}: trial ${t.number}: ${describeTrial(t)}`),
    });
  } finally {
    await pool.close();
    study.close();
  }
  const best = chooseBest(study.bestTrials);
  if (best === undefined) throw new StageError(`${set}: every trial failed; see the messages above`);
  await replaceDirectory(target, (dir) => {
    writeFileAtomic(`${dir}/trials.csv`, trialsCsv(study.trials, Object.keys(params.tuning.space), study.bestTrials));
    writeFileAtomic(`${dir}/pareto.csv`, paretoCsv(study.bestTrials));
    writeFileAtomic(`${dir}/best_params.json`, stableJson({
      feature_set: set,
      trial: best.number,
      uar_valid: best.values![0],
      macro_f1_valid: best.values![1],
      params: best.params,
      rounds: rounds.get(best.number) ?? roundsFromCurve(best, fixed),
      fixed,
    }));
  });
  rmSync(journalPath, { force: true });
  console.log(`tune: ${set}: best trial ${best.number} (UAR ${best.values![0]!.toFixed(4)}, macro F1 ${best.values![1]!.toFixed(4)})`);
});

/** A finished trial in the stage's log. */
function describeTrial(t: FrozenTrial): string {
  if (t.state === 'complete') return `UAR ${t.values![0]!.toFixed(4)}, macro F1 ${t.values![1]!.toFixed(4)}`;
  if (t.state === 'pruned') return `pruned after ${t.intermediate?.length ?? 0} boosting round(s)`;
  return `failed (${t.failReason ?? ''})`;
}

/** The rounds early stopping kept for a trial finished before a resume (its first lowest valid mlogloss + 1), from
 * the curve a pruned search journals; null without one (as before pruning existed). */
function roundsFromCurve(t: FrozenTrial, fixed: Record<string, number | string>): number | null {
  const curve = t.intermediate;
  if (curve === undefined || curve.length === 0 || fixed['early_stopping_rounds'] === undefined) return null;
  let best = 0;
  curve.forEach((v, i) => {
    if (v < curve[best]!) best = i;
  });
  return best + 1;
}

/** The Pareto-optimal trial with the highest UAR (ties: higher macro F1, then lower trial number). */
function chooseBest(front: readonly FrozenTrial[]): FrozenTrial | undefined {
  return [...front].sort((a, b) => b.values![0]! - a.values![0]! || b.values![1]! - a.values![1]! || a.number - b.number)[0];
}

/** The Pareto front (UAR vs macro F1 on valid) by trial number: the data of `pipe plots`' pareto plot. */
function paretoCsv(front: readonly FrozenTrial[]): string {
  const rows = [...front].sort((a, b) => a.number - b.number).map((t) => [t.number, t.values![0]!, t.values![1]!]);
  return formatCsv(['trial', 'uar_valid', 'macro_f1_valid'], rows);
}

function trialsCsv(trials: readonly FrozenTrial[], names: string[], front: readonly FrozenTrial[]): string {
  const pareto = new Set(front.map((t) => t.number));
  const header = ['trial', 'state', 'uar_valid', 'macro_f1_valid', 'pareto', ...names];
  const rows = trials.map((t) => [
    t.number, t.state, t.values?.[0] ?? '', t.values?.[1] ?? '', pareto.has(t.number) ? 'true' : 'false',
    ...names.map((n) => String(t.params[n] ?? '')),
  ]);
  return formatCsv(header, rows);
}

/** Identifies the search's inputs (features, params), so a journal is only resumed for the same search. */
function inputKey(set: string, params: StudyParams): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([params.tuning, params.train, params.validate.labels]));
  for (const split of ['train', 'valid']) hash.update(readFileSync(featureTablePath(set, split)));
  return hash.digest('hex').slice(0, 16);
}
