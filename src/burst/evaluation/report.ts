// The evaluation's files: `evaluation_report.json` (every score, PR curves, confusion matrix, CV summary),
// `per_segment_predictions.csv`, and a flat metrics file for `pipe metrics show`.
import { formatCsv } from '../../util/csv.js';
import { BURST_CLASSES } from '../classes.js';
import type { SegmentPrediction } from './evaluate-recordings.js';
import type { ClassificationScores } from './scores.js';

export interface EvaluationReport {
  readonly classes: string[];
  readonly n_segments: number;
  readonly n_recordings: number;
  readonly accuracy: number;
  readonly macro_f1: number;
  readonly micro_f1: number;
  readonly ece: number;
  readonly pr_auc_macro: number;
  readonly per_class: Record<string, { precision: number; recall: number; f1: number; support: number; pr_auc: number }>;
  readonly confusion_matrix: { rows_true_cols_predicted: number[][] };
  readonly pr_curves: ClassificationScores['pr_curves'];
  readonly cross_validation?: unknown;
}

/** The report object from the scores. */
export function evaluationReport(scores: ClassificationScores, nRecordings: number, crossValidation?: unknown): EvaluationReport {
  return {
    classes: [...BURST_CLASSES],
    n_segments: scores.n,
    n_recordings: nRecordings,
    accuracy: scores.accuracy,
    macro_f1: scores.macro_f1,
    micro_f1: scores.micro_f1,
    ece: scores.ece,
    pr_auc_macro: scores.pr_auc_macro,
    per_class: Object.fromEntries(scores.per_class.map((c) => [c.label, { precision: c.precision, recall: c.recall, f1: c.f1, support: c.support, pr_auc: c.pr_auc }])),
    confusion_matrix: { rows_true_cols_predicted: scores.confusion },
    pr_curves: scores.pr_curves,
    ...(crossValidation !== undefined ? { cross_validation: crossValidation } : {}),
  };
}

/** The flat metrics `pipe metrics show` tabulates: overall scores and per-class F1 / PR AUC. */
export function flatMetrics(report: EvaluationReport): Record<string, unknown> {
  return {
    accuracy: round(report.accuracy),
    macro_f1: round(report.macro_f1),
    micro_f1: round(report.micro_f1),
    ece: round(report.ece),
    pr_auc_macro: round(report.pr_auc_macro),
    f1: Object.fromEntries(Object.entries(report.per_class).map(([c, s]) => [c, round(s.f1)])),
    pr_auc: Object.fromEntries(Object.entries(report.per_class).map(([c, s]) => [c, round(s.pr_auc)])),
    n_segments: report.n_segments,
  };
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/** `per_segment_predictions.csv`: one row per labelled test segment with its p_<class> columns. */
export function perSegmentCsv(segments: readonly SegmentPrediction[]): string {
  const header = ['recording', 'audio_file', 'start_seconds', 'end_seconds', 'label', 'predicted', 'correct', 'confidence', ...BURST_CLASSES.map((c) => `p_${c}`)];
  const rows = segments.map((s) => [s.recording, s.audio_file, s.start_seconds, s.end_seconds, s.label, s.predicted, s.label === s.predicted ? 1 : 0, round(s.confidence), ...s.probabilities.map(round)]);
  return formatCsv(header, rows);
}
