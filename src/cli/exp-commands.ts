// Registers `pipe exp run|show|list|diff|remove|apply|branch|push|pull` and `pipe queue …` (implementations load
// lazily).
import { Command, InvalidArgumentError, Option } from 'commander';
import type { ExpShowFlags } from './exp-show.js';
import { registerQueueCommands } from './queue-commands.js';

/** Adds the experiment commands to `program`. */
export function registerExpCommands(program: Command): void {
  const exp = program.command('exp').description('Experiments: run the pipeline with changed params in isolated worktrees, compare');
  exp
    .command('run')
    .description('Run (or queue) experiments; several -S values form a grid')
    .argument('[targets...]', 'stages to reproduce (default: all)')
    .option('-S, --set-param <spec>', "[file:]key=value, value list 'a,b', range(start, stop[, step]) or choice(a, b)", collect, [])
    .option('-n, --name <name>', 'experiment name (a sweep appends -1, -2, …)')
    .option('--queue', 'only queue the experiments')
    .option('--run-all', 'run every queued experiment')
    .addOption(new Option('-j, --jobs <n>', 'experiments run at once').default(1).argParser(positiveInt))
    .action(async (targets: string[], opts: Record<string, unknown>) => {
      const { runExpRun } = await import('./exp-run.js');
      await runExpRun(targets, {
        sets: (opts['setParam'] as string[] | undefined) ?? [],
        name: typeof opts['name'] === 'string' ? opts['name'] : undefined,
        queue: opts['queue'] === true,
        runAll: opts['runAll'] === true,
        jobs: typeof opts['jobs'] === 'number' ? opts['jobs'] : 1,
      });
    });
  tableOptions(exp.command('show').description('The workspace and every experiment: metrics and params (those that differ unless --all)')).action(
    async (opts: Record<string, unknown>) => {
      const { runExpShow } = await import('./exp-manage.js');
      await runExpShow(showFlags(opts));
    },
  );
  tableOptions(exp.command('diff').description("Params and metrics that differ between two experiments ('workspace' for the workspace)").argument('<a>').argument('<b>')).action(
    async (a: string, b: string, opts: Record<string, unknown>) => {
      const { runExpDiff } = await import('./exp-manage.js');
      await runExpDiff(a, b, showFlags(opts));
    },
  );
  exp.command('list').description('Recorded and queued experiments').action(async () => (await import('./exp-manage.js')).runExpList());
  exp
    .command('remove')
    .description('Delete experiments (refs/exps/<name>) or queued entries')
    .argument('[names...]')
    .option('--queue', 'remove every queued experiment')
    .action(async (names: string[], opts: Record<string, unknown>) => (await import('./exp-manage.js')).runExpRemove(names, opts['queue'] === true));
  exp
    .command('apply')
    .description("Bring an experiment's params, lock and metrics into the workspace and restore its outputs from the cache")
    .argument('<name>')
    .action(async (name: string) => (await import('./exp-manage.js')).runExpApply(name));
  exp
    .command('branch')
    .description("Create a git branch at an experiment's commit")
    .argument('<name>')
    .argument('<branch>')
    .action(async (name: string, branch: string) => (await import('./exp-manage.js')).runExpBranch(name, branch));
  for (const verb of ['push', 'pull'] as const) {
    const cmd = exp.command(verb);
    if (verb === 'push') cmd.option('--rev <commit>', 'only experiments based on this commit');
    cmd
      .description(verb === 'push' ? 'Share experiments through a git remote (refs/exps/…), and their cached outputs through the pipe remote' : 'Fetch experiments (refs/exps/…) from a git remote, and their cached outputs from the pipe remote')
      .argument('<git-remote>', 'a git remote name or URL')
      .argument('[experiments...]', 'names (default: all)')
      .option('--no-cache', 'refs only: do not transfer cached outputs')
      .option('-r, --remote <name>', 'pipe cache remote (default: core.remote)')
      .option('-f, --force', 'overwrite experiments of the same name on the other side')
      .addOption(new Option('-j, --jobs <n>', 'concurrent cache transfers').argParser(positiveInt))
      .action(async (remote: string, names: string[], opts: Record<string, unknown>) => {
        const share = await import('./exp-share.js');
        const flags = {
          rev: typeof opts['rev'] === 'string' ? opts['rev'] : undefined,
          noCache: opts['cache'] === false,
          remote: typeof opts['remote'] === 'string' ? opts['remote'] : undefined,
          force: opts['force'] === true,
          jobs: typeof opts['jobs'] === 'number' ? opts['jobs'] : undefined,
        };
        await (verb === 'push' ? share.runExpPush(remote, names, flags) : share.runExpPull(remote, names, flags));
      });
  }
  registerQueueCommands(program, positiveInt);
}

function tableOptions(cmd: Command): Command {
  return cmd
    .option('--all', 'every param, not only those that differ')
    .option('--md', 'Markdown table')
    .option('--csv', 'CSV')
    .option('--json', 'JSON')
    .option('--sort-by <column>', 'metric or param to sort by (metrics.<key>, params.<key>, file:key or key)')
    .option('--filter <expr>', "keep experiments where COLUMN OP VALUE holds, e.g. 'metrics.test.uar>0.6' (OP: = != < <= > >=; repeatable, all must hold)", collect, [])
    .addOption(new Option('--sort-order <order>', 'asc or desc').choices(['asc', 'desc']).default('desc'));
}

function showFlags(opts: Record<string, unknown>): ExpShowFlags {
  const format = opts['json'] === true ? 'json' : opts['csv'] === true ? 'csv' : opts['md'] === true ? 'md' : 'table';
  return {
    format,
    all: opts['all'] === true,
    sortBy: typeof opts['sortBy'] === 'string' ? opts['sortBy'] : undefined, sortOrder: opts['sortOrder'] === 'asc' ? 'asc' : 'desc',
    filters: (opts['filter'] as string[] | undefined) ?? [],
  };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a positive integer, got '${value}'`);
  return n;
}
