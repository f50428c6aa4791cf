// Entry point of the `pipe` command: builds the commander program from each concern's command module.
import { Command } from 'commander';
import { registerAnnotateCommand } from './annotate-command.js';
import { registerBurstCommands } from './burst-commands.js';
import { registerCancelCommand } from './cancel-command.js';
import { registerEngineCommands } from './engine-commands.js';
import { registerExpCommands } from './exp-commands.js';
import { registerFeaturesCommand } from './features-command.js';
import { registerGbdtCommand } from './gbdt-command.js';
import { registerRemoteCommands } from './remote-commands.js';
import { registerPlotsCommands } from './plots-command.js';
import { registerServeCommands } from './serve-command.js';
import { exitCodeFor } from './error-boundary.js';

const program = new Command('pipe')
  .description('Reproducible audio-ML pipelines: DVC-style stages, content-addressed cache, parallel repro')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

registerEngineCommands(program);
registerCancelCommand(program);
registerFeaturesCommand(program);
registerGbdtCommand(program);
registerRemoteCommands(program);
registerPlotsCommands(program);
registerExpCommands(program);
registerServeCommands(program);
registerBurstCommands(program);
registerAnnotateCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = exitCodeFor(error, (text) => void process.stderr.write(text));
}
