// Entry point of the `pipe` command. A plain `pipe repro`/`pipe status` line runs straight from its spec
// (quick-dispatch.ts) without loading commander; anything else builds the commander program from the command
// module that argv names (every module for help or an unknown command; see command-index.ts).
import * as nodeModule from 'node:module';
import { withExitCode } from './error-boundary.js';
import { dispatchQuick } from './quick-dispatch.js';

// Node 22.1+: cache compiled code of the modules loaded from here on (the engine's, loaded by each command) in
// the OS temp dir, cutting the start-up of later runs; absent in Node 20, where this does nothing.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

await withExitCode(async () => {
  if (!(await dispatchQuick(process.argv))) await (await import('./program.js')).runProgram(process.argv);
}, undefined);
