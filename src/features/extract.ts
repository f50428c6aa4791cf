// Extracting a feature set from many files: in this thread, or across worker threads for pure-CPU sets.
import { InputError } from '../util/input-error.js';
import { coreBudget } from '../util/core-budget.js';
import { WorkerPool, WorkerPoolError } from '../util/worker-pool.js';
import { extractFiles } from './extract-files.js';
import type { FeatureWorkerSetup } from './feature-worker.js';
import { featureSet } from './registry.js';
import type { FeatureParams, FeatureRow, FeatureSet, FrameTable } from './types.js';

/** A file to extract and the name its row carries. */
export interface NamedFile {
  readonly path: string;
  readonly name: string;
}

export interface ExtractFeaturesOptions {
  /** A registered set name ('mfcc', 'egemaps', …). Worker threads re-open it by name, so it must be registered. */
  readonly set: string;
  readonly params?: FeatureParams;
  /** Files in output order; a plain string is both path and name. */
  readonly files: readonly (string | NamedFile)[];
  /** Worker threads for parallelizable sets; 1 extracts in this thread. Default: the core budget (`PIPE_CPUS`, else all cores). */
  readonly workers?: number;
  /** 'fail' (default): reject with FeatureFileError for the first bad (unreadable, undecodable) file in order.
   * 'skip': keep bad files as missing rows. Clips that decode but yield no features are missing rows either way. */
  readonly onError?: 'fail' | 'skip';
  /** Also return frame-level values (rows' `frames`). Default false. */
  readonly frames?: boolean;
  /** Called after each batch with files done and total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** One file's result: features, or the reason it has none. */
export type ExtractedRow =
  | { readonly name: string; readonly path: string; readonly ok: true; readonly values: Float64Array; readonly frames?: FrameTable }
  | { readonly name: string; readonly path: string; readonly ok: false; readonly reason: string };

export interface ExtractFeaturesResult {
  /** Feature column names (without the file-name column). */
  readonly columns: string[];
  /** One row per input file, in input order. */
  readonly rows: ExtractedRow[];
}

/** A file that could not be extracted, under onError 'fail'. Its message is `path: reason`. */
export class FeatureFileError extends InputError {
  constructor(readonly path: string, override readonly reason: string) {
    super(reason, `${path}: ${reason}`);
    this.name = 'FeatureFileError';
  }
}

/** The feature set could not be opened (bad model, not in this build…). */
export class FeatureSetOpenError extends InputError {
  constructor(readonly setName: string, override readonly cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super('set-open-failed', detail.startsWith(`feature set ${setName}`) ? detail : `feature set ${setName}: ${detail}`);
    this.name = 'FeatureSetOpenError';
  }
}

/** Files per batch: small enough to balance workers, large enough to amortise messages. */
const BATCH_FILES = 8;

/** Extracts a feature set from files; rows come back in input order whatever the worker count. */
export async function extractFeatures(options: ExtractFeaturesOptions): Promise<ExtractFeaturesResult> {
  const set = featureSet(options.set);
  const params = options.params ?? {};
  const columns = set.columns(params);
  const files = options.files.map((f) => (typeof f === 'string' ? { path: f, name: f } : f));
  const onError = options.onError ?? 'fail';
  const frames = options.frames ?? false;
  const workers = options.workers ?? coreBudget();
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`extractFeatures: workers must be an integer ≥ 1, got ${workers}`);
  const batches: number[][] = [];
  for (let i = 0; i < files.length; i += BATCH_FILES) batches.push(range(i, Math.min(files.length, i + BATCH_FILES)));

  const results = new Array<FeatureRow | undefined>(files.length);
  let firstFailure = Infinity; // under 'fail', stop handing out batches after the first failure seen
  let done = 0;
  const record = (batch: number[], rows: FeatureRow[]): void => {
    batch.forEach((fileIndex, j) => {
      const row = rows[j]!;
      if (row.ok && row.values.length !== columns.length) {
        throw new Error(`feature set ${set.name} gave ${row.values.length} values for ${columns.length} columns`);
      }
      results[fileIndex] = row;
      if (!row.ok && row.badFile === true && onError === 'fail') firstFailure = Math.min(firstFailure, fileIndex);
    });
    done += batch.length;
    options.onProgress?.(done, files.length);
  };
  await runBatches({ set, params, frames, files, batches, workers, record, stopped: () => firstFailure < Infinity });

  if (firstFailure < Infinity) {
    const row = results[firstFailure] as { reason: string };
    throw new FeatureFileError(files[firstFailure]!.path, row.reason);
  }
  return { columns, rows: files.map((file, i) => toExtractedRow(file, results[i]!)) };
}

/** One run's work: batches of file indices, where their rows go, and when to stop handing out more. */
interface BatchRun {
  readonly set: FeatureSet;
  readonly params: FeatureParams;
  readonly frames: boolean;
  readonly files: readonly NamedFile[];
  readonly batches: readonly number[][];
  readonly workers: number;
  readonly record: (batch: number[], rows: FeatureRow[]) => void;
  readonly stopped: () => boolean;
}

/** Runs the batches in this thread, or on a worker pool when the set is parallelizable and workers > 1. */
async function runBatches(run: BatchRun): Promise<void> {
  const { set, params, frames, files, batches, record, stopped } = run;
  const workers = Math.max(1, Math.min(run.workers, batches.length));
  const extractor = await set.open(params).catch((error: unknown) => {
    throw new FeatureSetOpenError(set.name, error);
  });
  if (workers === 1 || !extractor.parallelizable) {
    try {
      for (const batch of batches) {
        if (stopped()) break;
        record(batch, await extractFiles(extractor, batch.map((i) => files[i]!.path), frames));
      }
    } finally {
      await extractor.close();
    }
    return;
  }
  await extractor.close(); // the workers open their own
  const pool = await WorkerPool.start<FeatureWorkerSetup, readonly string[], FeatureRow[]>({
    callerUrl: import.meta.url, entry: 'feature-worker', setup: { setName: set.name, params, frames }, size: workers, taskName: 'feature',
  });
  const extractOnPool = (paths: readonly string[]): Promise<FeatureRow[]> =>
    pool.run(paths).catch((error: unknown) => {
      if (error instanceof WorkerPoolError && error.reason === 'task-failed') throw new Error(`feature worker failed: ${error.workerStack ?? error.message}`);
      throw error;
    });
  try {
    let next = 0;
    const lane = async (): Promise<void> => {
      // Batches are handed out in order, so when a failure stops the run every earlier batch has been started.
      while (next < batches.length && !stopped()) {
        const batch = batches[next++]!;
        record(batch, await extractOnPool(batch.map((i) => files[i]!.path)));
      }
    };
    await Promise.all(range(0, workers).map(lane));
  } finally {
    await pool.close();
  }
}

function toExtractedRow(file: NamedFile, row: FeatureRow): ExtractedRow {
  if (!row.ok) return { name: file.name, path: file.path, ok: false, reason: row.reason };
  return row.frames === undefined
    ? { name: file.name, path: file.path, ok: true, values: row.values }
    : { name: file.name, path: file.path, ok: true, values: row.values, frames: row.frames };
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, i) => start + i);
}
