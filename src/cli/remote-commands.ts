// Registers `pipe remote add|modify|list|remove|default`, `pipe push`, `pipe fetch` and `pipe pull` (DVC's
// remote commands). Each action loads its implementation lazily.
import { Command, Option } from 'commander';

/** Adds the remote-storage commands to `program`. */
export function registerRemoteCommands(program: Command): void {
  const remote = program.command('remote').description('Configure remotes: shared caches on a folder, S3 or SSH');
  remote
    .command('add')
    .description('Add a remote (URL: a folder path, s3://bucket/prefix, ssh://user@host/path)')
    .argument('<name>')
    .argument('<url>')
    .option('-d, --default', 'make it the default remote (core.remote)')
    .option('-f, --force', 'overwrite a remote of the same name')
    .option('--local', 'write to .pipe/config.local.yaml (git-ignored)')
    .action(async (name: string, url: string, opts: { default?: boolean; force?: boolean; local?: boolean }) => {
      const { remoteAdd } = await import('./remote-config-actions.js');
      remoteAdd(name, url, opts);
    });
  remote
    .command('modify')
    .description('Set (or with --unset remove) an option of a remote: url, endpointurl, region, profile, access_key_id, secret_access_key, keyfile, user, port, jobs')
    .argument('<name>')
    .argument('<key>')
    .argument('[value]')
    .option('-u, --unset', 'remove the option')
    .option('--local', 'write to .pipe/config.local.yaml (git-ignored: credentials)')
    .action(async (name: string, key: string, value: string | undefined, opts: { unset?: boolean; local?: boolean }) => {
      const { remoteModify } = await import('./remote-config-actions.js');
      remoteModify(name, key, value, opts);
    });
  remote
    .command('list')
    .description('List the remotes and their URLs')
    .action(async () => {
      const { remoteList } = await import('./remote-config-actions.js');
      remoteList();
    });
  remote
    .command('remove')
    .description('Remove a remote (from both config files)')
    .argument('<name>')
    .action(async (name: string) => {
      const { remoteRemove } = await import('./remote-config-actions.js');
      remoteRemove(name);
    });
  remote
    .command('default')
    .description('Print the default remote, or set it')
    .argument('[name]')
    .option('-u, --unset', 'clear the default')
    .option('--local', 'write to .pipe/config.local.yaml')
    .action(async (name: string | undefined, opts: { unset?: boolean; local?: boolean }) => {
      const { remoteDefault } = await import('./remote-config-actions.js');
      remoteDefault(name, opts);
    });

  for (const verb of ['push', 'fetch', 'pull'] as const) {
    program
      .command(verb)
      .description(DESCRIPTIONS[verb])
      .argument('[targets...]', 'stage names or foreach group names (default: every output in pipeline.lock)')
      .option('-r, --remote <name>', 'remote to use (default: core.remote)')
      .addOption(new Option('-j, --jobs <n>', 'concurrent transfers (default: 16 folder/SSH, 64 S3)').argParser(positiveInt))
      .option('--run-cache', 'also transfer the run-cache, so that `pipe repro` restores stages run elsewhere')
      .option('--progress', 'show progress on stderr even when it is not a terminal')
      .action(async (targets: string[], opts: { remote?: string; jobs?: number; runCache?: boolean; progress?: boolean }) => {
        const { runTransfer } = await import('./remote-transfer-actions.js');
        await runTransfer(verb, targets, {
          remote: opts.remote,
          jobs: opts.jobs,
          runCache: opts.runCache === true,
          progress: opts.progress === true || process.stderr.isTTY === true,
        });
      });
  }
}

const DESCRIPTIONS = {
  push: 'Upload the cached outputs (of the targets) that the remote lacks',
  fetch: 'Download into the cache the outputs (of the targets) that it lacks, each verified against its hash',
  pull: 'Fetch, then place the outputs in the workspace',
} as const;

function positiveInt(value: string): number {
  const n = Number.parseInt(value, 10);
  if (!Number.isInteger(n) || n < 1 || String(n) !== value.trim()) throw new Error(`--jobs needs a positive integer, got '${value}'`);
  return n;
}
