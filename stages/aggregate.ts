// Stage `aggregate`: the comparison across feature sets — results/results_summary.csv (sorted by UAR),
// results/per_class_f1.csv, figures (PNG + SVG), results/report.md for a paper draft, and results/best_model.json
// (the set with the best valid UAR, which `pipe serve` loads by default).
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { comparisonChart, perClassF1Chart } from '../src/report/charts.js';
import { writeChart } from '../src/report/render-vega-lite.js';
import { formatCsv } from '../src/util/csv.js';
import { replaceDirectory, stableJson, writeFileAtomic } from './lib/atomic-output.js';
import { renderReport, type SetResult } from './lib/report-markdown.js';
import { StageError, runStage } from './lib/stage-error.js';
import { loadStudyParams } from './lib/study-params.js';

const splitSchema = z.object({
  n_clips: z.number(),
  accuracy: z.number(),
  uar: z.number(),
  macro_f1: z.number(),
  weighted_f1: z.number(),
  macro_precision: z.number(),
  macro_recall: z.number(),
  log_loss: z.number(),
  f1_per_class: z.record(z.string(), z.number()),
});
const metricsSchema = z.union([
  z.object({ feature_set: z.string(), skipped: z.string() }),
  z.object({ feature_set: z.string(), valid: splitSchema, test: splitSchema }),
]);

runStage('aggregate', async () => {
  const params = loadStudyParams();
  const results: SetResult[] = [];
  const skipped: { featureSet: string; reason: string }[] = [];
  for (const set of params.features.sets) {
    const m = readMetrics(`results/metrics/${set}.json`);
    if ('skipped' in m) skipped.push({ featureSet: set, reason: m.skipped });
    else results.push({ featureSet: set, valid: m.valid, test: m.test });
  }
  if (results.length === 0) throw new StageError('no feature set produced a model (all skipped); see params.yaml features.sets');
  // Order: best valid UAR first (model selection on valid; test is reported, never used to choose).
  results.sort((a, b) => b.valid.uar - a.valid.uar || a.featureSet.localeCompare(b.featureSet));
  const summaryRows = results.flatMap((r) => (['valid', 'test'] as const).map((split) => ({ set: r.featureSet, split, m: r[split] })))
    .sort((a, b) => b.m.uar - a.m.uar || a.set.localeCompare(b.set) || a.split.localeCompare(b.split));
  writeFileAtomic('results/results_summary.csv', formatCsv(
    ['feature_set', 'split', 'uar', 'macro_f1', 'weighted_f1', 'macro_precision', 'macro_recall', 'accuracy', 'n_clips'],
    summaryRows.map(({ set, split, m }) => [set, split, m.uar, m.macro_f1, m.weighted_f1, m.macro_precision, m.macro_recall, m.accuracy, m.n_clips]),
  ));
  const classes = Object.keys(results[0]!.test.f1_per_class);
  const perClass = results.flatMap((r) => (['valid', 'test'] as const).flatMap((split) =>
    classes.map((label) => ({ featureSet: r.featureSet, split, label, f1: r[split].f1_per_class[label] ?? Number.NaN }))));
  writeFileAtomic('results/per_class_f1.csv', formatCsv(['feature_set', 'split', 'class', 'f1'], perClass.map((p) => [p.featureSet, p.split, p.label, p.f1])));
  await replaceDirectory('results/figures', async (dir) => {
    const scores = results.flatMap((r) => (['valid', 'test'] as const).map((split) => ({ featureSet: r.featureSet, split, metric: 'UAR', value: r[split].uar })));
    await writeChart(comparisonChart(scores, 'UAR by feature set (valid, test)'), `${dir}/uar_comparison`);
    await writeChart(perClassF1Chart(perClass.filter((p) => p.split === 'test'), 'Test F1 per class'), `${dir}/per_class_f1_test`);
  });
  const best = results[0]!;
  writeFileAtomic('results/best_model.json', stableJson({ feature_set: best.featureSet, model_dir: `results/models/${best.featureSet}` }));
  writeFileAtomic('results/report.md', renderReport(results, skipped, classes));
  console.log(`aggregate: ${results.length} feature set(s)${skipped.length > 0 ? `, ${skipped.length} skipped` : ''}; best by valid UAR: ` +
    `${best.featureSet} (valid ${best.valid.uar.toFixed(3)}, test ${best.test.uar.toFixed(3)}) -> results/`);
});

function readMetrics(path: string): z.infer<typeof metricsSchema> {
  if (!existsSync(path)) throw new StageError(`${path}: not found (run evaluate first)`);
  const parsed = metricsSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new StageError(`${path}: unexpected content (${parsed.error.issues[0]?.message ?? ''})`);
  return parsed.data;
}
