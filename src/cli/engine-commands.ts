// Registers the engine's commands (repro, status, dag, params, metrics, gc). Each action imports its
// implementation lazily so that `pipe --help` and other commands stay fast.
import { Command, InvalidArgumentError, Option } from 'commander';
import * as nodeModule from 'node:module';
import { availableParallelism } from 'node:os';

// Node 22.1+: cache compiled code of the modules loaded from here on (the engine's, loaded by each action) in
// the OS temp dir, cutting the start-up of later runs; absent in Node 20, where this does nothing.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

/** Adds the pipeline-engine commands to `program`. */
export function registerEngineCommands(program: Command): void {
  program
    .command('repro')
    .description('Bring the pipeline (or the target stages and their upstream) up to date')
    .argument('[targets...]', 'stage or foreach group names, dir/pipeline.yaml:name, or a pipeline file (default: the pipeline.yaml of this directory)')
    .option('-f, --force', 'run the selected stages even when unchanged')
    .option('--force-downstream', 'a stage that runs forces every stage downstream of it to run')
    .option('-P, --all-pipelines', 'run every stage of every pipeline file in the project')
    .option('--glob', 'targets are [path:]pattern wildcards (*, ?, [seq]) over stage names')
    .option('--downstream', 'run the targets and every stage downstream of them')
    .option('-s, --single-item', 'run only the targets, not their upstream stages')
    .option('-p, --pipeline', 'run every stage of the pipelines the targets belong to')
    .option('--dry', 'print what would run, run nothing')
    .option('-k, --keep-going', 'after a failure, skip only its dependents and run the rest')
    .option('--no-run-cache', 'always run changed stages instead of restoring earlier runs')
    .option('--wait', 'if another repro of this project is running, wait for it instead of failing')
    .addOption(new Option('-j, --jobs <n>', 'stages run in parallel (Slurm: jobs in flight)').default(availableParallelism(), 'number of cores; Slurm: 100').argParser(positiveInt))
    .addOption(new Option('--cpus <n>', 'local: cores the stages running at once may use in total, each reserving its resources.cpus, else 1 (default: PIPE_CPUS, else core.cpus in .pipe/config.yaml, else number of cores)').argParser(positiveIntOf('--cpus')))
    .addOption(new Option('--executor <name>', 'where stages run (default: core.executor in .pipe/config.yaml, else local)').choices(['local', 'slurm']))
    .addOption(new Option('--retries <n>', 'Slurm: resubmit NODE_FAIL/PREEMPTED jobs up to n times').argParser(nonNegativeIntOf('--retries')))
    .action(async (targets: string[], opts: Record<string, unknown>, cmd: Command) => {
      const { runRepro } = await import('./engine-repro.js');
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
        jobsGiven: cmd.getOptionValueSource('jobs') === 'cli',
        cpusGiven: typeof opts['cpus'] === 'number' ? opts['cpus'] : undefined,
        executor: opts['executor'] === 'slurm' || opts['executor'] === 'local' ? opts['executor'] : undefined,
        retries: typeof opts['retries'] === 'number' ? opts['retries'] : undefined,
      });
    });

  program
    .command('status')
    .description('Show which stages changed since their last run, and why')
    .argument('[targets...]', 'stage names or foreach group names')
    .option('--json', 'print JSON')
    .option('-q, --quiet', 'print nothing; exit 1 when any stage changed (for scripts and CI)')
    .option('-c, --cloud', 'compare the cache with a remote instead (see pipe push/pull)')
    .option('-r, --remote <name>', 'with --cloud: the remote (default: core.remote)')
    .action(async (targets: string[], opts: { json?: boolean; quiet?: boolean; cloud?: boolean; remote?: string }) => {
      if (opts.cloud === true) return (await import('./remote-transfer-actions.js')).runCloudStatus(targets, opts.remote, undefined);
      const { runStatus } = await import('./engine-repro.js');
      await runStatus(targets, opts.json === true ? 'json' : opts.quiet === true ? 'quiet' : 'text');
    });

  program
    .command('dag')
    .description('Show the stage graph (foreach/matrix items grouped): every pipeline, or a target and its upstream')
    .argument('[target]', 'a stage, group, dir/pipeline.yaml:name or pipeline file')
    .option('--full', 'with a target: the whole pipeline the target belongs to')
    .option('--mermaid', 'print a Mermaid flowchart')
    .option('--dot', 'print Graphviz DOT')
    .action(async (target: string | undefined, opts: { mermaid?: boolean; dot?: boolean; full?: boolean }) => {
      const { runDag } = await import('./engine-query.js');
      await runDag(opts.mermaid === true ? 'mermaid' : opts.dot === true ? 'dot' : 'ascii', target, opts.full === true);
    });

  const params = program.command('params').description('Inspect parameters');
  params
    .command('diff')
    .description('Compare params in the workspace with the last pipeline.lock, or with a git revision')
    .argument('[rev]', 'git revision to compare with (default: the values recorded in pipeline.lock)')
    .option('--json', 'print JSON')
    .option('--md', 'print a Markdown table')
    .option('--all', 'also list unchanged params')
    .action(async (rev: string | undefined, opts: { json?: boolean; md?: boolean; all?: boolean }) => {
      const { runParamsDiff } = await import('./engine-query.js');
      await runParamsDiff(rev, opts);
    });

  const metrics = program.command('metrics').description('Inspect metrics files');
  metrics
    .command('show')
    .description('Show the metrics in the workspace')
    .option('--json', 'print JSON')
    .option('--md', 'print a Markdown table')
    .option('--precision <n>', 'round metrics to n decimals in tables (default 5, as DVC)', nonNegativeIntOf('--precision'))
    .action(async (opts: { json?: boolean; md?: boolean; precision?: number }) => {
      const { runMetricsShow } = await import('./engine-query.js');
      await runMetricsShow(opts);
    });
  metrics
    .command('diff')
    .description('Compare metrics in the workspace with the last pipeline.lock (from the cache), or a git revision')
    .argument('[rev]', 'git revision to compare with')
    .option('--json', 'print JSON')
    .option('--md', 'print a Markdown table')
    .option('--all', 'also list unchanged metrics')
    .option('--precision <n>', 'round metrics to n decimals in tables (default 5, as DVC)', nonNegativeIntOf('--precision'))
    .action(async (rev: string | undefined, opts: { json?: boolean; md?: boolean; all?: boolean; precision?: number }) => {
      const { runMetricsDiff } = await import('./engine-query.js');
      await runMetricsDiff(rev, opts);
    });

  program
    .command('gc')
    .description('Remove cache objects not referenced by pipeline.lock (run-cache entries that need them go too)')
    .option('--dry', 'only list what would be removed')
    .action(async (opts: { dry?: boolean }) => {
      const { runGc } = await import('./engine-query.js');
      await runGc(opts.dry === true);
    });
}

/** A parser for a whole-number option `flag` (0 or more). */
function nonNegativeIntOf(flag: string): (value: string) => number {
  return (value) => {
    const n = Number.parseInt(value, 10);
    if (!Number.isInteger(n) || n < 0 || String(n) !== value.trim()) throw new InvalidArgumentError(`${flag} needs a whole number (0 or more), got '${value}'`);
    return n;
  };
}

function positiveInt(value: string): number {
  return positiveIntOf('--jobs')(value);
}

/** A parser for a positive whole-number option `flag`. */
function positiveIntOf(flag: string): (value: string) => number {
  return (value) => {
    const n = Number.parseInt(value, 10);
    if (!Number.isInteger(n) || n < 1 || String(n) !== value.trim()) throw new InvalidArgumentError(`${flag} needs a positive integer, got '${value}'`);
    return n;
  };
}

