// Vega-Lite specs for the study's figures: feature-set comparison, per-class F1 and confusion matrices.
import type { VegaLiteSpec } from './render-vega-lite.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export interface ScoreRow {
  readonly featureSet: string;
  readonly split: string;
  readonly metric: string;
  readonly value: number;
}

/** Grouped bars: one group per feature set, one bar per split, for one metric (e.g. UAR). */
export function comparisonChart(rows: readonly ScoreRow[], title: string): VegaLiteSpec {
  return {
    $schema: SCHEMA,
    title,
    width: 90,
    height: 220,
    data: { values: rows.map((r) => ({ feature_set: r.featureSet, split: r.split, metric: r.metric, value: r.value })) },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      column: { field: 'feature_set', type: 'nominal', title: 'feature set', sort: { field: 'value', order: 'descending' } },
      x: { field: 'split', type: 'nominal', title: null, axis: { labels: true } },
      y: { field: 'value', type: 'quantitative', title: rows[0]?.metric ?? 'value', scale: { domain: [0, 1] } },
      color: { field: 'split', type: 'nominal' },
    },
  };
}

/** Heatmap of per-class F1: feature sets × classes, value printed in each cell. */
export function perClassF1Chart(rows: readonly { featureSet: string; label: string; f1: number }[], title: string): VegaLiteSpec {
  return {
    $schema: SCHEMA,
    title,
    data: { values: rows.map((r) => ({ feature_set: r.featureSet, label: r.label, f1: r.f1 })) },
    encoding: {
      x: { field: 'label', type: 'nominal', title: 'class' },
      y: { field: 'feature_set', type: 'nominal', title: 'feature set' },
    },
    layer: [
      { mark: 'rect', encoding: { color: { field: 'f1', type: 'quantitative', scale: { domain: [0, 1], scheme: 'blues' } } } },
      { mark: { type: 'text', fontSize: 11 }, encoding: { text: { field: 'f1', type: 'quantitative', format: '.2f' } } },
    ],
  };
}

/** Confusion matrix heatmap with counts, rows = true class, columns = predicted class. */
export function confusionChart(labels: readonly string[], counts: readonly (readonly number[])[], title: string): VegaLiteSpec {
  const values = counts.flatMap((row, i) => row.map((count, j) => ({ actual: labels[i], predicted: labels[j], count })));
  const order = [...labels];
  return {
    $schema: SCHEMA,
    title,
    width: 260,
    height: 260,
    data: { values },
    encoding: {
      x: { field: 'predicted', type: 'nominal', sort: order, title: 'predicted' },
      y: { field: 'actual', type: 'nominal', sort: order, title: 'true' },
    },
    layer: [
      { mark: 'rect', encoding: { color: { field: 'count', type: 'quantitative', scale: { scheme: 'blues' } } } },
      { mark: { type: 'text', fontSize: 11 }, encoding: { text: { field: 'count', type: 'quantitative' } } },
    ],
  };
}
