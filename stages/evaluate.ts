// Stage `evaluate <set>`: the trained bundle on valid and test — accuracy, UAR, macro/weighted F1, macro precision
// and recall, log loss, PR-AUC, calibration — as results/metrics/<set>.json (read by `pipe metrics show`), plus per
// split a classification report, the confusion matrix (CSV with class names, PNG and SVG), per-class scores and the
// per-clip predictions (actual, predicted: the data of `pipe plots`' confusion plots).
import { existsSync, readFileSync } from 'node:fs';
import { loadModelBundle } from '../src/bundle/index.js';
import { argmaxRows, classificationMetrics, classificationReport, type ClassificationMetrics } from '../src/ml/index.js';
import { confusionChart } from '../src/report/charts.js';
import { writeChart } from '../src/report/render-vega-lite.js';
import { formatCsv } from '../src/util/csv.js';
import { replaceDirectory, stableJson, writeFileAtomic } from './lib/atomic-output.js';
import { featureTablePath, readFeatureTable, SKIPPED_FILE } from './lib/feature-table.js';
import { StageError, runStage } from './lib/stage-error.js';

const EVAL_SPLITS = ['valid', 'test'] as const;

runStage('evaluate', async () => {
  const set = process.argv[2];
  if (set === undefined) throw new StageError('usage: evaluate <feature set>');
  const modelDir = `results/models/${set}`;
  const metricsPath = `results/metrics/${set}.json`;
  const target = `results/evaluation/${set}`;
  if (existsSync(`${modelDir}/${SKIPPED_FILE}`)) {
    const skipped = JSON.parse(readFileSync(`${modelDir}/${SKIPPED_FILE}`, 'utf8')) as { reason?: string };
    console.log(`evaluate: skipping ${set} (no model: see ${modelDir}/${SKIPPED_FILE})`);
    await replaceDirectory(target, (dir) => writeFileAtomic(`${dir}/${SKIPPED_FILE}`, stableJson(skipped)));
    writeFileAtomic(metricsPath, stableJson({ feature_set: set, skipped: skipped.reason ?? 'skipped' }));
    return;
  }
  const bundle = loadModelBundle(modelDir);
  const classes = [...bundle.encoder.classes];
  const metrics: Record<string, unknown> = { feature_set: set };
  await replaceDirectory(target, async (dir) => {
    for (const split of EVAL_SPLITS) {
      const table = await readFeatureTable(featureTablePath(set, split));
      if (table.columns.join('\u0000') !== bundle.columns.join('\u0000')) {
        throw new StageError(`${featureTablePath(set, split)}: columns differ from the model's (${modelDir}); rerun train`);
      }
      const yTrue = bundle.encoder.transform(table.labels);
      const proba = { data: bundle.predictFeatures(table.x), rows: table.x.rows, cols: classes.length };
      const m = classificationMetrics(yTrue, proba);
      metrics[split] = summarise(m, classes, table.x.rows);
      writeFileAtomic(`${dir}/${split}_classification_report.txt`,
        classificationReport(yTrue, argmaxRows(proba), { targetNames: classes, digits: 3 }));
      writeFileAtomic(`${dir}/${split}_confusion_matrix.csv`,
        formatCsv(['true\\predicted', ...classes], m.confusionMatrix.map((row, i) => [classes[i]!, ...row])));
      const predicted = argmaxRows(proba);
      writeFileAtomic(`${dir}/${split}_predictions.csv`, formatCsv(['actual', 'predicted'], Array.from(yTrue, (t, i) => [classes[t]!, classes[predicted[i]!]!])));
      writeFileAtomic(`${dir}/${split}_per_class.csv`, formatCsv(['class', 'precision', 'recall', 'f1', 'support', 'pr_auc'],
        m.perClass.map((c) => [classes[c.label]!, round(c.precision), round(c.recall), round(c.f1), c.support, round(c.prAuc)])));
      await writeChart(confusionChart(classes, m.confusionMatrix, `${set} — ${split} confusion matrix`), `${dir}/${split}_confusion_matrix`);
      console.log(`evaluate: ${set} ${split}: UAR ${m.uar.toFixed(4)}, macro F1 ${m.macroF1.toFixed(4)}, accuracy ${m.accuracy.toFixed(4)} (${table.x.rows} clips)`);
    }
  });
  writeFileAtomic(metricsPath, stableJson(metrics));
});

/** The metrics JSON of one split: scalar metrics rounded for stable diffs, per-class F1 by class name. */
function summarise(m: ClassificationMetrics, classes: readonly string[], n: number): Record<string, unknown> {
  return {
    n_clips: n,
    accuracy: round(m.accuracy),
    uar: round(m.uar),
    macro_f1: round(m.macroF1),
    weighted_f1: round(m.weightedF1),
    macro_precision: round(m.macroPrecision),
    macro_recall: round(m.macroRecall),
    log_loss: round(m.logLoss),
    macro_pr_auc: round(m.macroPrAuc),
    ece: round(m.ece),
    f1_per_class: Object.fromEntries(m.perClass.map((c) => [classes[c.label]!, round(c.f1)])),
  };
}

/** Rounds to 6 decimals: enough for comparison, stable in text. */
function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
