// `pipe features`: list inputs, extract in parallel, write the table, the error side file and the frames.
import { InputError } from '../util/input-error.js';
import {
  createProgress, extractFeatures, featureTableCsv, listInputFiles,
  parseParamAssignments, tableFormatOf, writeErrorTable, writeFeatureTable, writeFrames,
} from '../features/index.js';
import { coreBudget } from '../util/core-budget.js';

export interface FeaturesCommandOptions {
  readonly set: string;
  readonly inputs: readonly string[];
  /** .csv or .parquet; undefined writes CSV to stdout. */
  readonly output?: string;
  readonly framesDir?: string;
  /** `key=value` strings. */
  readonly params: readonly string[];
  readonly onError: 'fail' | 'skip';
  readonly workers?: number;
  readonly progress: boolean;
}

/** What went wrong in terms the user can act on; the CLI prints `pipe: message` and exits 1. */
export class FeaturesCommandError extends InputError {
  constructor(message: string) {
    super('features-command', message);
    this.name = 'FeaturesCommandError';
  }
}

/** Where the failed files of a run writing `output` are listed: `out.csv` → `out.errors.csv`. */
export function errorTablePath(output: string): string {
  return `${output.replace(/\.(csv|parquet)$/i, '')}.errors.csv`;
}

/** Runs the command; expected failures become FeaturesCommandError with a one-line message naming the culprit. */
export async function runFeaturesCommand(options: FeaturesCommandOptions): Promise<void> {
  try {
    await run(options);
  } catch (error) {
    // bad input from any library is one line; anything else is a bug and keeps its stack
    if (error instanceof InputError && !(error instanceof FeaturesCommandError)) throw new FeaturesCommandError(error.message);
    throw error;
  }
}

async function run(options: FeaturesCommandOptions): Promise<void> {
  if (options.output !== undefined) tableFormatOf(options.output);
  if (options.workers !== undefined && !(Number.isInteger(options.workers) && options.workers >= 1)) {
    throw new FeaturesCommandError(`--workers must be an integer ≥ 1, got ${options.workers}`);
  }
  const files = listInputFiles(options.inputs);
  if (files.length === 0) throw new FeaturesCommandError(`no .wav files in ${options.inputs.join(', ')}`);
  const progress = createProgress({ delayMs: options.progress ? 500 : Infinity });
  const result = await extractFeatures({
    set: options.set,
    params: parseParamAssignments(options.params),
    files,
    workers: options.workers ?? coreBudget(),
    onError: options.onError,
    frames: options.framesDir !== undefined,
    onProgress: (done, total) => progress.update(done, total),
  }).finally(() => progress.finish());

  if (options.output === undefined) process.stdout.write(featureTableCsv(result.columns, result.rows));
  else await writeFeatureTable(options.output, result.columns, result.rows);
  if (options.framesDir !== undefined) writeFrames(options.framesDir, result.rows);

  // Under 'fail' only clips without features (too short…) can be missing here; they are flagged the same way.
  const failed = result.rows.filter((row) => !row.ok);
  if (options.onError === 'skip' || failed.length > 0) {
    if (options.output !== undefined) writeErrorTable(errorTablePath(options.output), result.rows);
    if (failed.length > 0) {
      const where = options.output !== undefined ? `; reasons in ${errorTablePath(options.output)}` : '';
      process.stderr.write(`pipe features: ${failed.length} of ${files.length} files have no features and are missing rows${where}\n`);
      if (options.output === undefined) for (const row of failed) if (!row.ok) process.stderr.write(`pipe features: ${row.path}: ${row.reason}\n`);
    }
  }
}
