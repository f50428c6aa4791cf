// The quick repro/status parser against commander on the same specs: for every plain command line both give
// the same targets, options and given-on-the-command-line set; the lines it does not take are left to commander.
import { Command } from 'commander';
import { describe, expect, test } from 'vitest';
import { registerSpec } from './engine-commands.js';
import { flagNames, REPRO, STATUS, type CommandSpec } from './engine-specs.js';
import { quickParse } from './quick-dispatch.js';

interface Seen {
  readonly targets: string[];
  readonly opts: Record<string, unknown>;
  readonly given: string[];
}

const attrsOf = (spec: CommandSpec): string[] => spec.options.map((o) => flagNames(o.flags).attr);

async function viaCommander(spec: CommandSpec, args: readonly string[]): Promise<Seen> {
  let seen: Seen | undefined;
  const program = new Command('pipe').exitOverride();
  registerSpec(program, {
    ...spec,
    run: async (targets, opts, fromCli) => {
      seen = { targets, opts: { ...opts }, given: attrsOf(spec).filter(fromCli) };
    },
  });
  await program.parseAsync(['node', 'pipe', spec.name, ...args]);
  if (seen === undefined) throw new Error('commander ran nothing');
  return seen;
}

function viaQuick(spec: CommandSpec, args: readonly string[]): Seen | undefined {
  const parsed = quickParse(['node', 'pipe', spec.name, ...args]);
  if (parsed === undefined) return undefined;
  expect(parsed.spec).toBe(spec);
  return { targets: parsed.targets, opts: { ...parsed.opts }, given: attrsOf(spec).filter((a) => parsed.given.has(a)) };
}

describe('quick repro/status dispatch', () => {
  const plain: [CommandSpec, string[]][] = [
    [REPRO, []],
    [REPRO, ['train']],
    [REPRO, ['-f', 'a', 'studies/burst/pipeline.yaml:b']],
    [REPRO, ['--jobs', '3', 'x', '--dry']],
    [REPRO, ['--jobs=3', '-j', '5']],
    [REPRO, ['-j', '2', '--cpus', '4', '--executor', 'slurm', '--retries', '0']],
    [REPRO, ['--no-run-cache', '--dry', '-s', '-p', '-P', '--glob', '--downstream', '--force-downstream', '-k', '--wait', '--force']],
    [REPRO, ['--executor=local', '-']],
    [STATUS, []],
    [STATUS, ['--json']],
    [STATUS, ['-q', 'stage', 'other']],
    [STATUS, ['-c', '-r', 'origin']],
    [STATUS, ['--cloud', '--remote=store']],
  ];
  test.each(plain)('%s %j: the same targets, options and given flags as commander', async (spec, args) => {
    const quick = viaQuick(spec, args);
    expect(quick).toBeDefined();
    expect(quick).toEqual(await viaCommander(spec, args));
  });

  test('help, bundled, attached, unknown or invalid flags and "--" are left to commander', async () => {
    const left = [['--help'], ['-h'], ['-fk'], ['-j4'], ['--'], ['--bogus'], ['-j', '0'], ['--jobs', 'x'], ['-j'], ['--executor', 'pbs'], ['--force=1'], ['--retries', '-1']];
    for (const args of left) expect(viaQuick(REPRO, args), args.join(' ')).toBeUndefined();
    expect(quickParse(['node', 'pipe', 'dag'])).toBeUndefined();
    expect(quickParse(['node', 'pipe'])).toBeUndefined();
    // commander still takes the ones that are valid, with the same meaning
    expect((await viaCommander(REPRO, ['-fk'])).opts).toMatchObject({ force: true, keepGoing: true });
    await expect(viaCommander(REPRO, ['-j', '0'])).rejects.toThrow(/--jobs needs a positive integer, got '0'/);
  });
});
