// Helpers shared by the burst study's stage scripts: params.yaml of the pipeline folder (the stage's working
// directory), the prepared split file, and one-line error reporting.
import { existsSync, readFileSync } from 'node:fs';
import { BurstError } from '../../src/burst/burst-error.js';
import { studyParamsSchema, type StudyParams } from '../../src/burst/study-params.js';
import { readYamlFile } from '../lib/read-yaml.js';
import { StageError } from '../lib/stage-error.js';
import type { StudySplits } from '../../src/burst/splits.js';

export const PARAMS_FILE = 'params.yaml';
export const PREPARED_FILE = 'data/prepared.json';
export const MODEL_DIR = 'models/burst';
export const EVALUATION_DIR = 'results/evaluation';
export const REPORT_FILE = `${EVALUATION_DIR}/evaluation_report.json`;

/** The study's params, validated (`params.yaml:train.epochs: …` on a bad value). */
export function readStudyParams(): StudyParams {
  return readYamlFile(PARAMS_FILE, studyParamsSchema);
}

/** What the prepare stage wrote: dataset identity, splits and the fixed segment length. */
export interface PreparedStudy {
  readonly data_dir: string;
  readonly dataset_hash: string;
  readonly manifest_sha256: string;
  readonly label_counts: Record<string, number>;
  readonly recordings: { id: string; audio: string; labels: string; source_sample_rate_hz: number; duration_s: number; counts: number[] }[];
  readonly splits: StudySplits;
  readonly segment_samples: number;
}

/** Reads the prepare stage's output. */
export function readPrepared(): PreparedStudy {
  if (!existsSync(PREPARED_FILE)) throw new StageError(`${PREPARED_FILE}: not found (run the prepare stage first)`);
  return JSON.parse(readFileSync(PREPARED_FILE, 'utf8')) as PreparedStudy;
}

/** Runs a stage: expected failures print `stage: message` on one line and exit 1; nothing else is caught. */
export function runBurstStage(stage: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof BurstError || error instanceof StageError || error instanceof RangeError) {
      process.stderr.write(`${stage}: ${error.message}\n`);
    } else {
      process.stderr.write(`${stage}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exitCode = 1;
  });
}
