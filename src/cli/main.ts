// Entry point of the `pipe` command: builds the commander program from the command module that argv names
// (every module for help or an unknown command; see command-index.ts).
import { Command } from 'commander';
import { registerCommands } from './command-index.js';
import { exitCodeFor } from './error-boundary.js';

const program = new Command('pipe')
  .description('Reproducible audio-ML pipelines: DVC-style stages, content-addressed cache, parallel repro')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

try {
  await registerCommands(program, process.argv);
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = exitCodeFor(error, (text) => void process.stderr.write(text));
}
