// `pipe repro` and `pipe status` as data: their arguments, options and actions. engine-commands.ts registers
// them with commander; quick-dispatch.ts parses the plain command lines of these two commands against the same
// specs without loading commander at all (a no-op `pipe repro` is mostly start-up time). Nothing here imports
// commander; engine-repro.ts loads the engine itself, lazily.
import { availableParallelism } from 'node:os';
import { runRepro, runStatus } from './engine-repro.js';

/** An option with a value: its parser (undefined = invalid) and the message for an invalid one. */
export interface ValueSpec {
  readonly parse: (text: string) => number | string | undefined;
  readonly invalid: (text: string) => string;
  /** The only values allowed (commander lists them in help and in its error). */
  readonly choices?: readonly string[];
  readonly default?: { readonly value: number; readonly description: string };
}

export interface OptionSpec {
  /** commander's flags text: '-f, --force', '--no-run-cache', '-j, --jobs <n>'. */
  readonly flags: string;
  readonly description: string;
  readonly value?: ValueSpec;
}

/** Parsed options by commander's attribute name ('--force-downstream' → forceDownstream, '--no-run-cache' → runCache). */
export type ParsedOptions = Readonly<Record<string, unknown>>;

export interface CommandSpec {
  readonly name: string;
  readonly description: string;
  readonly argument: { readonly name: string; readonly description: string };
  readonly options: readonly OptionSpec[];
  /** Runs the command; `fromCli(attr)` says whether the option was given on the command line (not a default). */
  readonly run: (targets: string[], opts: ParsedOptions, fromCli: (attr: string) => boolean) => Promise<void>;
}

/** A parser for a whole-number option `flag` of at least `min`; `what` names the range in the message. */
function intAtLeast(flag: string, min: number, what: string): ValueSpec {
  return {
    parse: (text) => {
      const n = Number.parseInt(text, 10);
      return Number.isInteger(n) && n >= min && String(n) === text.trim() ? n : undefined;
    },
    invalid: (text) => `${flag} needs ${what}, got '${text}'`,
  };
}

const positiveIntOf = (flag: string): ValueSpec => intAtLeast(flag, 1, 'a positive integer');

/** A parser for a whole-number option `flag` (0 or more). */
export const nonNegativeIntOf = (flag: string): ValueSpec => intAtLeast(flag, 0, 'a whole number (0 or more)');

function choiceOf(choices: readonly string[]): ValueSpec {
  return { parse: (text) => (choices.includes(text) ? text : undefined), invalid: (text) => `'${text}' is not one of ${choices.join(', ')}`, choices };
}

const anyText: ValueSpec = { parse: (text) => text, invalid: (text) => `'${text}' is invalid` };

export const REPRO: CommandSpec = {
  name: 'repro',
  description: 'Bring the pipeline (or the target stages and their upstream) up to date',
  argument: { name: '[targets...]', description: 'stage or foreach group names, dir/pipeline.yaml:name, or a pipeline file (default: the pipeline.yaml of this directory)' },
  options: [
    { flags: '-f, --force', description: 'run the selected stages even when unchanged' },
    { flags: '--force-downstream', description: 'a stage that runs forces every stage downstream of it to run' },
    { flags: '-P, --all-pipelines', description: 'run every stage of every pipeline file in the project' },
    { flags: '--glob', description: 'targets are [path:]pattern wildcards (*, ?, [seq]) over stage names' },
    { flags: '--downstream', description: 'run the targets and every stage downstream of them' },
    { flags: '-s, --single-item', description: 'run only the targets, not their upstream stages' },
    { flags: '-p, --pipeline', description: 'run every stage of the pipelines the targets belong to' },
    { flags: '--dry', description: 'print what would run, run nothing' },
    { flags: '-k, --keep-going', description: 'after a failure, skip only its dependents and run the rest' },
    { flags: '--no-run-cache', description: 'always run changed stages instead of restoring earlier runs' },
    { flags: '--wait', description: 'if another repro of this project is running, wait for it instead of failing' },
    {
      flags: '-j, --jobs <n>',
      description: 'stages run in parallel (Slurm: jobs in flight)',
      value: { ...positiveIntOf('--jobs'), default: { value: availableParallelism(), description: 'number of cores; Slurm: 100' } },
    },
    {
      flags: '--cpus <n>',
      description:
        'local: cores the stages running at once may use in total, each reserving its resources.cpus, else 1 (default: PIPE_CPUS, else core.cpus in .pipe/config.yaml, else number of cores)',
      value: positiveIntOf('--cpus'),
    },
    { flags: '--executor <name>', description: 'where stages run (default: core.executor in .pipe/config.yaml, else local)', value: choiceOf(['local', 'slurm']) },
    { flags: '--retries <n>', description: 'Slurm: resubmit NODE_FAIL/PREEMPTED jobs up to n times', value: nonNegativeIntOf('--retries') },
  ],
  run: async (targets, opts, fromCli) => {
    await runRepro(targets, {
      force: opts['force'] === true,
      downstream: opts['downstream'] === true,
      single: opts['singleItem'] === true,
      wholePipeline: opts['pipeline'] === true,
      allPipelines: opts['allPipelines'] === true,
      glob: opts['glob'] === true,
      forceDownstream: opts['forceDownstream'] === true,
      dry: opts['dry'] === true,
      keepGoing: opts['keepGoing'] === true,
      runCache: opts['runCache'] !== false,
      wait: opts['wait'] === true,
      jobs: typeof opts['jobs'] === 'number' ? opts['jobs'] : availableParallelism(),
      jobsGiven: fromCli('jobs'),
      cpusGiven: typeof opts['cpus'] === 'number' ? opts['cpus'] : undefined,
      executor: opts['executor'] === 'slurm' || opts['executor'] === 'local' ? opts['executor'] : undefined,
      retries: typeof opts['retries'] === 'number' ? opts['retries'] : undefined,
    });
  },
};

export const STATUS: CommandSpec = {
  name: 'status',
  description: 'Show which stages changed since their last run, and why',
  argument: { name: '[targets...]', description: 'stage names or foreach group names' },
  options: [
    { flags: '--json', description: 'print JSON' },
    { flags: '-q, --quiet', description: 'print nothing; exit 1 when any stage changed (for scripts and CI)' },
    { flags: '-c, --cloud', description: 'compare the cache with a remote instead (see pipe push/pull)' },
    { flags: '-r, --remote <name>', description: 'with --cloud: the remote (default: core.remote)', value: anyText },
  ],
  run: async (targets, opts) => {
    const remote = typeof opts['remote'] === 'string' ? opts['remote'] : undefined;
    if (opts['cloud'] === true) return (await import('./remote-transfer-actions.js')).runCloudStatus(targets, remote, undefined);
    await runStatus(targets, opts['json'] === true ? 'json' : opts['quiet'] === true ? 'quiet' : 'text');
  },
};

/** The short flag, the long flag and commander's attribute name of an option ('--no-run-cache' → runCache, negated). */
export function flagNames(flags: string): { short?: string; long: string; attr: string; negated: boolean } {
  const words = flags.split(/[ ,]+/).filter((w) => w.startsWith('-'));
  const long = words.find((w) => w.startsWith('--')) ?? '';
  const short = words.find((w) => !w.startsWith('--'));
  const negated = long.startsWith('--no-');
  const bare = negated ? long.slice(5) : long.slice(2);
  const attr = bare.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  return { ...(short === undefined ? {} : { short }), long, attr, negated };
}
