// Entry point of the `pipe` command: builds the commander program from each concern's command module.
import { Command, CommanderError } from 'commander';
import { registerEngineCommands } from './engine-commands.js';
import { registerExpCommands } from './exp-commands.js';
import { registerFeaturesCommand } from './features-command.js';
import { registerGbdtCommand } from './gbdt-command.js';
import { registerPlotsCommands } from './plots-command.js';
import { registerServeCommands } from './serve-command.js';
import { UserError } from './user-error.js';

const program = new Command('pipe')
  .description('Reproducible audio-ML pipelines: DVC-style stages, content-addressed cache, parallel repro')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

registerEngineCommands(program);
registerFeaturesCommand(program);
registerGbdtCommand(program);
registerPlotsCommands(program);
registerExpCommands(program);
registerServeCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = exitCodeFor(error);
}

/** Maps what escaped a command to an exit code, printing a one-line message for user mistakes. */
function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode;
  if (error instanceof UserError) {
    process.stderr.write(`pipe: ${error.message}\n`);
    return error.exitCode;
  }
  // A broken invariant: keep the stack, it is a bug report.
  process.stderr.write(`pipe: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 70;
}
