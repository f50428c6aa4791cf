import { Command } from 'commander';
import { describe, expect, test } from 'vitest';
import { COMMAND_MODULES, registerCommands } from './command-index.js';

const topLevel = (program: Command): string[] => program.commands.map((c) => c.name()).sort();

describe('command index', () => {
  test('each module registers exactly the commands the index lists for it, and no name is listed twice', async () => {
    for (const m of COMMAND_MODULES) {
      const program = new Command('pipe');
      (await m.load())(program);
      expect(topLevel(program)).toEqual([...m.names].sort());
    }
    const all = COMMAND_MODULES.flatMap((m) => m.names);
    expect(new Set(all).size).toBe(all.length);
  });

  test('a known command loads only its module; no command, an option or an unknown one loads them all', async () => {
    const registered = async (argv: string[]) => {
      const program = new Command('pipe');
      await registerCommands(program, ['node', 'pipe', ...argv]);
      return topLevel(program);
    };
    expect(await registered(['repro', '-j', '2'])).toEqual(['dag', 'gc', 'metrics', 'params', 'repro', 'status']);
    expect(await registered(['push'])).toEqual(['fetch', 'pull', 'push', 'remote']);
    const every = COMMAND_MODULES.flatMap((m) => m.names).sort();
    expect(await registered([])).toEqual(every);
    expect(await registered(['--help'])).toEqual(every);
    expect(await registered(['repo'])).toEqual(every); // a misspelling still gets did-you-mean from every name
  });
});
