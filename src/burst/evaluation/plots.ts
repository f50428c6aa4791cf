// The evaluation's figures as Vega-Lite specs, rendered to PNG and SVG by the project's renderer (src/report):
// PR curves, reliability diagram, confidence histogram, confusion matrix, per-class metrics and support.
import { confusionChart } from '../../report/charts.js';
import { writeChart, type VegaLiteSpec } from '../../report/render-vega-lite.js';
import { join } from 'node:path';
import type { SegmentPrediction } from './evaluate-recordings.js';
import type { EvaluationReport } from './report.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Precision against recall, one line per class (one-vs-rest). */
export function prCurvesChart(report: EvaluationReport): VegaLiteSpec {
  const values = Object.entries(report.pr_curves).flatMap(([label, points]) => [{ label, recall: 0, precision: points[0]?.precision ?? 1 }, ...points.map((p) => ({ label, recall: p.recall, precision: p.precision }))]);
  return {
    $schema: SCHEMA,
    title: 'Precision–recall per class (held-out segments)',
    width: 300,
    height: 260,
    data: { values },
    mark: { type: 'line', interpolate: 'step-after', point: false },
    encoding: {
      x: { field: 'recall', type: 'quantitative', scale: { domain: [0, 1] } },
      y: { field: 'precision', type: 'quantitative', scale: { domain: [0, 1] } },
      color: { field: 'label', type: 'nominal', title: 'class' },
    },
  };
}

interface Bin {
  readonly bin: number;
  readonly from: number;
  readonly to: number;
  readonly count: number;
  readonly confidence: number;
  readonly accuracy: number;
}

/** Ten equal-width bins of top-1 confidence with their accuracy and mean confidence (the ECE's bins). */
export function confidenceBins(segments: readonly SegmentPrediction[], nBins = 10): Bin[] {
  const bins = Array.from({ length: nBins }, (_, b) => ({ bin: b, from: b / nBins, to: (b + 1) / nBins, count: 0, confSum: 0, hits: 0 }));
  for (const s of segments) {
    const b = Math.min(nBins - 1, Math.max(0, Math.ceil(s.confidence * nBins) - 1));
    const bin = bins[b]!;
    bin.count++;
    bin.confSum += s.confidence;
    if (s.predicted === s.label) bin.hits++;
  }
  return bins.map((b) => ({ bin: b.bin, from: b.from, to: b.to, count: b.count, confidence: b.count > 0 ? b.confSum / b.count : 0, accuracy: b.count > 0 ? b.hits / b.count : 0 }));
}

/** Accuracy per confidence bin against the diagonal of perfect calibration. */
export function reliabilityChart(segments: readonly SegmentPrediction[], ece: number): VegaLiteSpec {
  const bins = confidenceBins(segments).filter((b) => b.count > 0);
  return {
    $schema: SCHEMA,
    title: `Reliability diagram (ECE ${ece.toFixed(3)})`,
    width: 280,
    height: 260,
    layer: [
      { data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }] }, mark: { type: 'line', strokeDash: [4, 4], color: 'gray' }, encoding: { x: { field: 'x', type: 'quantitative', title: 'confidence', scale: { domain: [0, 1] } }, y: { field: 'y', type: 'quantitative', title: 'accuracy', scale: { domain: [0, 1] } } } },
      { data: { values: bins }, mark: { type: 'bar', opacity: 0.7 }, encoding: { x: { field: 'from', type: 'quantitative' }, x2: { field: 'to' }, y: { field: 'accuracy', type: 'quantitative' }, tooltip: [{ field: 'count' }, { field: 'confidence' }] } },
      { data: { values: bins }, mark: { type: 'point', color: 'black' }, encoding: { x: { field: 'confidence', type: 'quantitative' }, y: { field: 'accuracy', type: 'quantitative' } } },
    ],
  };
}

/** Histogram of top-1 confidence, correct and wrong predictions stacked. */
export function confidenceHistogramChart(segments: readonly SegmentPrediction[]): VegaLiteSpec {
  return {
    $schema: SCHEMA,
    title: 'Top-1 confidence',
    width: 300,
    height: 200,
    data: { values: segments.map((s) => ({ confidence: s.confidence, outcome: s.predicted === s.label ? 'correct' : 'wrong' })) },
    mark: 'bar',
    encoding: {
      x: { field: 'confidence', type: 'quantitative', bin: { extent: [0, 1], step: 0.1 } },
      y: { aggregate: 'count', type: 'quantitative', title: 'segments' },
      color: { field: 'outcome', type: 'nominal' },
    },
  };
}

/** Precision, recall and F1 per class, grouped, and the support as text. */
export function perClassChart(report: EvaluationReport): VegaLiteSpec {
  const values = Object.entries(report.per_class).flatMap(([label, s]) => (['precision', 'recall', 'f1'] as const).map((metric) => ({ label: `${label} (n=${s.support})`, metric, value: s[metric] })));
  return {
    $schema: SCHEMA,
    title: 'Per-class metrics (support in the label)',
    width: 90,
    height: 220,
    data: { values },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      column: { field: 'label', type: 'nominal', title: 'class' },
      x: { field: 'metric', type: 'nominal', title: null, sort: ['precision', 'recall', 'f1'] },
      y: { field: 'value', type: 'quantitative', scale: { domain: [0, 1] } },
      color: { field: 'metric', type: 'nominal' },
    },
  };
}

/** Writes every figure as `<name>.png` and `<name>.svg` under `dir`. */
export async function writeEvaluationPlots(dir: string, report: EvaluationReport, segments: readonly SegmentPrediction[]): Promise<void> {
  const charts: [string, VegaLiteSpec][] = [
    ['pr_curves', prCurvesChart(report)],
    ['reliability', reliabilityChart(segments, report.ece)],
    ['confidence_histogram', confidenceHistogramChart(segments)],
    ['confusion_matrix', confusionChart(report.classes, report.confusion_matrix.rows_true_cols_predicted, 'Confusion matrix (held-out segments)')],
    ['per_class', perClassChart(report)],
  ];
  for (const [name, spec] of charts) await writeChart(spec, join(dir, name));
}
