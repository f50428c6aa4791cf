// Registers the engine's commands (repro, status, dag, params, metrics, gc). Each action imports its
// implementation lazily so that `pipe --help` and other commands stay fast.
import { Command, InvalidArgumentError, Option } from 'commander';
import { nonNegativeIntOf, REPRO, STATUS, type CommandSpec, type ValueSpec } from './engine-specs.js';

/** Adds the pipeline-engine commands to `program`. */
export function registerEngineCommands(program: Command): void {
  for (const spec of [REPRO, STATUS]) registerSpec(program, spec);

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
    .option('--precision <n>', 'round metrics to n decimals in tables (default 5, as DVC)', nonNegativeIntParser('--precision'))
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
    .option('--precision <n>', 'round metrics to n decimals in tables (default 5, as DVC)', nonNegativeIntParser('--precision'))
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

/** Registers a command described as data (engine-specs.ts) with commander. */
export function registerSpec(program: Command, spec: CommandSpec): void {
  const command = program.command(spec.name).description(spec.description).argument(spec.argument.name, spec.argument.description);
  for (const o of spec.options) {
    const option = new Option(o.flags, o.description);
    if (o.value?.choices !== undefined) option.choices(o.value.choices);
    else if (o.value !== undefined) option.argParser(argParser(o.value));
    if (o.value?.default !== undefined) option.default(o.value.default.value, o.value.default.description);
    command.addOption(option);
  }
  command.action(async (targets: string[], opts: Record<string, unknown>, cmd: Command) => {
    await spec.run(targets, opts, (attr) => cmd.getOptionValueSource(attr) === 'cli');
  });
}

/** commander's parser for a value spec: the parsed value, or its InvalidArgumentError. */
function argParser(value: ValueSpec): (text: string) => number | string {
  return (text) => {
    const parsed = value.parse(text);
    if (parsed === undefined) throw new InvalidArgumentError(value.invalid(text));
    return parsed;
  };
}

/** A commander parser for a whole-number option `flag` (0 or more). */
function nonNegativeIntParser(flag: string): (text: string) => number {
  return argParser(nonNegativeIntOf(flag)) as (text: string) => number;
}
