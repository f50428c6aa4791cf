// Stage `validate`, outputs: the drift of valid/test against train on per-clip descriptors, results/validation/
// report.json (status, every check with counts and examples, drift) and drift.csv (split, feature, distance, drifted).
import { driftReport, type FeatureDrift } from '../../src/drift/index.js';
import { formatCsv } from '../../src/util/csv.js';
import { stableJson } from './atomic-output.js';
import type { Split } from './split-table.js';
import { failureLine, isFatalFailure, type CheckResult, type DescriptorColumns, type SplitTable } from '../../src/validate/index.js';

/** Drift of one split against the reference split. */
export interface SplitDrift {
  readonly split: Split;
  readonly features: readonly FeatureDrift[];
  readonly driftedShare: number;
  readonly datasetDrift: boolean;
}

export interface DriftThresholds {
  readonly featureThreshold: number;
  readonly shareThreshold: number;
}

/** Rounds a distance for the outputs, so that they are byte-stable and readable. */
function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Wasserstein drift (reference-std units) of each descriptor of `current` against `reference`. */
export function splitDrift(split: Split, reference: DescriptorColumns, current: DescriptorColumns, thresholds: DriftThresholds): SplitDrift {
  const report = driftReport(reference, current, thresholds);
  return {
    split,
    features: report.features.map((f) => ({ ...f, distance: round6(f.distance) })),
    driftedShare: round6(report.driftedShare),
    datasetDrift: report.datasetDrift,
  };
}

/** drift.csv: one row per split and feature. */
export function driftCsv(drifts: readonly SplitDrift[]): string {
  const rows = drifts.flatMap((d) => d.features.map((f) => [d.split, f.feature, f.distance, String(f.drifted)]));
  return formatCsv(['split', 'feature', 'distance', 'drifted'], rows);
}

/** The warnings (non-fatal findings) as one line each. */
export function warningLines(checks: readonly CheckResult[], drifts: readonly SplitDrift[]): string[] {
  const lines = checks.filter((c) => !c.fatal && c.failed > 0).map(failureLine);
  for (const d of drifts) {
    const drifted = d.features.filter((f) => f.drifted).map((f) => `${f.feature} ${f.distance}`);
    if (d.datasetDrift) lines.push(`${d.split} drifts from train: ${drifted.length}/${d.features.length} descriptors (${drifted.join(', ')})`);
  }
  return lines;
}

export interface ValidationReportInput {
  readonly tables: readonly SplitTable[];
  readonly checks: readonly CheckResult[];
  readonly drifts: readonly SplitDrift[];
  readonly thresholds: DriftThresholds;
}

/** report.json's text: status, per-split counts, every check, warnings and drift, keys sorted. */
export function validationReportJson(input: ValidationReportInput): string {
  const splits = Object.fromEntries(input.tables.map((t) => {
    const classes: Record<string, number> = {};
    for (const row of t.rows) classes[row.Answer] = (classes[row.Answer] ?? 0) + 1;
    return [t.split, { file: t.file, clips: t.rows.length, children: new Set(t.rows.map((r) => r.child_ID)).size, classes }];
  }));
  const drift = Object.fromEntries(input.drifts.map((d) => [d.split, {
    reference: 'train',
    drifted_share: d.driftedShare,
    dataset_drift: d.datasetDrift,
    features: Object.fromEntries(d.features.map((f) => [f.feature, { distance: f.distance, drifted: f.drifted }])),
  }]));
  return stableJson({
    status: input.checks.some(isFatalFailure) ? 'failed' : 'passed',
    splits,
    checks: input.checks,
    warnings: warningLines(input.checks, input.drifts),
    drift: {
      feature_threshold: input.thresholds.featureThreshold,
      share_threshold: input.thresholds.shareThreshold,
      splits: drift,
    },
  });
}
