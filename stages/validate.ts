// Stage `validate`: checks the split tables against schema.yaml and params `validate` (columns, types, labels,
// decodable audio, durations, child-disjointness, unique clips) and reports the drift of valid/test against train.
// A fatal finding prints one line per failed check and exits 1, leaving results/validation as it was.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceDirectory } from './lib/atomic-output.js';
import { readClipTable, SPLIT_COLUMNS, SPLITS, SPLITS_DIR, splitTablePath, type Split } from './lib/split-table.js';
import { runStage, StageError } from './lib/stage-error.js';
import { loadStudyParams } from './lib/study-params.js';
import {
  checkChildOverlap, checkDuplicateClips, checkLabels, checkResult, failureLine, inspectAudio, isFatalFailure,
  type CheckResult, type DescriptorColumns, type SplitTable,
} from '../src/validate/index.js';
import { driftCsv, splitDrift, validationReportJson, warningLines, type SplitDrift } from './lib/validate-report.js';
import { checkSchemaTypes, loadDataSchema } from './lib/validate-schema.js';

const OUTPUT_DIR = 'results/validation';

/** Reads a split table; a missing file or column becomes a failed `columns` check instead of an exception. */
function readTable(split: Split, required: readonly string[]): { table?: SplitTable; check: CheckResult } {
  const file = splitTablePath(split);
  const base = { check: 'columns', file, fatal: true };
  try {
    const rows = readClipTable(file, required);
    return { table: { split, file, rows }, check: checkResult({ ...base, checked: required.length, describe: () => '' }, []) };
  } catch (error) {
    if (!(error instanceof StageError)) throw error;
    const message = error.message.startsWith(`${file}: `) ? error.message.slice(file.length + 2) : error.message;
    return { check: { ...base, checked: required.length, failed: 1, message, examples: [] } };
  }
}

/** Entry point: run every check, stop on fatal ones, else write the report and print a summary. */
async function main(): Promise<void> {
  const params = loadStudyParams().validate;
  const schema = loadDataSchema();
  const required = [...new Set([...SPLIT_COLUMNS, ...schema.columns.map((c) => c.name)])];
  const bounds = { minS: params.min_duration_s, maxS: params.max_duration_s };
  const tables: SplitTable[] = [];
  const checks: CheckResult[] = [];
  const descriptors = new Map<Split, DescriptorColumns>();
  for (const split of SPLITS) {
    const { table, check } = readTable(split, required);
    checks.push(check);
    if (table === undefined) continue;
    tables.push(table);
    const audio = inspectAudio(table, bounds);
    checks.push(checkSchemaTypes(table, schema), checkLabels(table, params.labels), audio.files, audio.durations);
    descriptors.set(split, audio.descriptors);
  }
  checks.push(checkChildOverlap(tables, SPLITS_DIR), checkDuplicateClips(tables, SPLITS_DIR));

  const fatal = checks.filter(isFatalFailure);
  if (fatal.length > 0) {
    for (const check of fatal) process.stderr.write(`validate: ${failureLine(check)}\n`);
    process.stderr.write(`validate: ${fatal.length} check(s) failed; nothing written to ${OUTPUT_DIR}\n`);
    process.exitCode = 1;
    return;
  }

  const thresholds = { featureThreshold: params.drift_feature_threshold, shareThreshold: params.drift_share_threshold };
  const reference = descriptors.get('train')!;
  const drifts: SplitDrift[] = (['valid', 'test'] as const).map((split) => splitDrift(split, reference, descriptors.get(split)!, thresholds));
  await replaceDirectory(OUTPUT_DIR, (tmpDir) => {
    writeFileSync(join(tmpDir, 'report.json'), validationReportJson({ tables, checks, drifts, thresholds }));
    writeFileSync(join(tmpDir, 'drift.csv'), driftCsv(drifts));
  });
  const clips = tables.reduce((n, t) => n + t.rows.length, 0);
  const children = new Set(tables.flatMap((t) => t.rows.map((r) => r.child_ID))).size;
  const driftText = drifts.map((d) => `${d.split} ${d.features.filter((f) => f.drifted).length}/${d.features.length}` +
    `${d.datasetDrift ? ' DRIFT' : ''}`).join(', ');
  const warnings = warningLines(checks, drifts);
  console.log(`validate: passed: ${clips} clips, ${children} children in ${tables.length} splits; ` +
    `drifted descriptors vs train: ${driftText}; ${warnings.length} warning(s) -> ${OUTPUT_DIR}`);
  for (const line of warnings) console.log(`validate: warning: ${line}`);
}

runStage('validate', main);
