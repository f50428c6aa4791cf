// `pipe features <set> <inputs…>`: argv → options; the extraction modules load only when the command runs.
import { Command, Option } from 'commander';
import { UserError } from './user-error.js';

/** Registers the `features` command on the program. */
export function registerFeaturesCommand(program: Command): void {
  program
    .command('features')
    .description('extract a feature set from WAV files or folders: one row per file (like SMILExtract)')
    .argument('<set>', 'feature set: egemaps, mfcc (hubert_ssl, wav2vec2_ssl where built)')
    .argument('<inputs...>', 'WAV files, or folders searched recursively for *.wav')
    .option('-o, --output <file>', 'write the table to a .csv or .parquet file (default: CSV on stdout)')
    .option('--frames <dir>', 'also write each file\'s frame-level values to <dir>/<name>.csv')
    .option('--param <key=value...>', 'a feature-set parameter, e.g. n_mfcc=13 pool=mean_std (repeatable)', collect, [])
    .addOption(new Option('--on-error <mode>', 'on a bad file: fail with its name, or skip it (missing row, reason in <out>.errors.csv)').choices(['fail', 'skip']).default('fail'))
    .option('-j, --workers <n>', 'worker threads (default: PIPE_CPUS, else all cores)', parseWorkers)
    .option('--no-progress', 'never show the progress bar')
    .action(async (set: string, inputs: string[], flags: FeaturesFlags) => {
      const { runFeaturesCommand, FeaturesCommandError } = await import('./run-features-command.js');
      // `--param a=1 b=2 folder/`: a variadic flag swallows later inputs; anything without '=' is an input.
      const params = flags.param.filter((p) => p.includes('='));
      const extraInputs = flags.param.filter((p) => !p.includes('='));
      try {
        await runFeaturesCommand({
          set,
          inputs: [...inputs, ...extraInputs],
          ...(flags.output !== undefined ? { output: flags.output } : {}),
          ...(flags.frames !== undefined ? { framesDir: flags.frames } : {}),
          params,
          onError: flags.onError,
          ...(flags.workers !== undefined ? { workers: flags.workers } : {}),
          progress: flags.progress,
        });
      } catch (error) {
        if (error instanceof FeaturesCommandError) throw new UserError(error.message);
        throw error;
      }
    });
}

interface FeaturesFlags {
  output?: string;
  frames?: string;
  param: string[];
  onError: 'fail' | 'skip';
  workers?: number;
  progress: boolean;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseWorkers(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UserError(`--workers ${value}: expected an integer ≥ 1`);
  return n;
}
