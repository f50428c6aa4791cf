// Registers DVC's `pipe queue start|status|remove`: the same queue and the same code path as
// `pipe exp run --queue` / `pipe exp run --run-all -j N` (implementations load lazily).
import { Command, Option } from 'commander';

/** Adds the `queue` commands to `program`; `positiveInt` parses -j like `exp run` does. */
export function registerQueueCommands(program: Command, positiveInt: (value: string) => number): void {
  const queue = program.command('queue').description('The experiment queue (pipe exp run --queue): run, list, remove queued experiments');
  queue
    .command('start')
    .description('Run every queued experiment, N at a time (same as pipe exp run --run-all -j N)')
    .addOption(new Option('-j, --jobs <n>', 'experiments run at once').default(1).argParser(positiveInt))
    .action(async (opts: Record<string, unknown>) => {
      const { runExpRun } = await import('./exp-run.js');
      await runExpRun([], { sets: [], name: undefined, queue: false, runAll: true, jobs: typeof opts['jobs'] === 'number' ? opts['jobs'] : 1 });
    });
  queue
    .command('status')
    .description('Queued experiments: name, base commit, params set, targets')
    .action(async () => (await import('./exp-manage.js')).runQueueStatus());
  queue
    .command('remove')
    .description('Remove queued experiments by name (--all: every one); recorded experiments are kept')
    .argument('[names...]')
    .option('--all', 'remove every queued experiment')
    .action(async (names: string[], opts: Record<string, unknown>) => (await import('./exp-manage.js')).runQueueRemove(names, opts['all'] === true));
}
