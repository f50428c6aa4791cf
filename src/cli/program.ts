// The commander program of the `pipe` command, built from the command module that argv names.
import { Command } from 'commander';
import { registerCommands } from './command-index.js';

/** Parses `argv` and runs the command it names (commander prints help and usage errors itself). */
export async function runProgram(argv: readonly string[]): Promise<void> {
  const program = new Command('pipe')
    .description('Reproducible audio-ML pipelines: DVC-style stages, content-addressed cache, parallel repro')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  await registerCommands(program, argv);
  await program.parseAsync(argv);
}
