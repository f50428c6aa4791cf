// node:child_process on first use: it brings in net, dgram and the stream machinery (about 5 ms of start-up),
// which a run that starts no stage (a no-op repro) never needs.
import { createRequire } from 'node:module';

type ChildProcessModule = typeof import('node:child_process');
let loaded: ChildProcessModule | undefined;

/** The node:child_process module, loaded on the first call. */
export function childProcess(): ChildProcessModule {
  loaded ??= createRequire(import.meta.url)('node:child_process') as ChildProcessModule;
  return loaded;
}
