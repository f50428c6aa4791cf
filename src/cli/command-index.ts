// Which module registers which top-level command, so that `pipe <command>` loads only that command's module
// (and what it imports) instead of every command's: start-up time matters most for a no-op `pipe repro`. Any
// other argv (no command, `--help`, an unknown or misspelt command) registers every module, so help and
// did-you-mean see them all. command-index.test.ts checks the names against what each module registers.
import type { Command } from 'commander';

export interface CommandModule {
  /** The top-level commands the module registers. */
  readonly names: readonly string[];
  readonly load: () => Promise<(program: Command) => void>;
}

/** Every command module, in the order `pipe --help` lists them. */
export const COMMAND_MODULES: readonly CommandModule[] = [
  { names: ['repro', 'status', 'dag', 'params', 'metrics', 'gc'], load: async () => (await import('./engine-commands.js')).registerEngineCommands },
  { names: ['cancel'], load: async () => (await import('./cancel-command.js')).registerCancelCommand },
  { names: ['features'], load: async () => (await import('./features-command.js')).registerFeaturesCommand },
  { names: ['gbdt'], load: async () => (await import('./gbdt-command.js')).registerGbdtCommand },
  { names: ['remote', 'push', 'fetch', 'pull'], load: async () => (await import('./remote-commands.js')).registerRemoteCommands },
  { names: ['plots'], load: async () => (await import('./plots-command.js')).registerPlotsCommands },
  { names: ['exp', 'queue'], load: async () => (await import('./exp-commands.js')).registerExpCommands },
  { names: ['serve', 'predict'], load: async () => (await import('./serve-command.js')).registerServeCommands },
  { names: ['gate'], load: async () => (await import('./burst-commands.js')).registerBurstCommands },
  { names: ['annotate'], load: async () => (await import('./annotate-command.js')).registerAnnotateCommand },
];

/** Registers on `program` the module of the command `argv` names, or every module when it names none we know. */
export async function registerCommands(program: Command, argv: readonly string[], modules: readonly CommandModule[] = COMMAND_MODULES): Promise<void> {
  const name = argv[2];
  const owner = name === undefined ? undefined : modules.find((m) => m.names.includes(name));
  const chosen = owner === undefined ? modules : [owner];
  const registers = await Promise.all(chosen.map((m) => m.load()));
  for (const register of registers) register(program);
}
