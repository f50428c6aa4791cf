// Entry of the quick bundle, dist/pipe-quick.cjs (built by esbuild.config.mjs from the compiled dist/ files).
// bin/pipe.js hands a `pipe repro`/`pipe status` line to it: one CommonJS file loads in a few milliseconds where
// Node 20's ES module loader spends 30–40 ms on the engine's ~45 modules, the bulk of a no-op's overhead. It runs
// exactly what main.ts runs for such a line; anything quick-dispatch.ts does not take goes back to main.ts.
import { withExitCode } from './error-boundary.js';
import { dispatchQuick } from './quick-dispatch.js';

/** Runs a plain repro/status line (errors become the exit code, as in main.ts); false when main.ts must take it. */
export function dispatch(argv: readonly string[]): Promise<boolean> {
  return withExitCode(() => dispatchQuick(argv), true);
}
