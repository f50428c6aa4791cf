// Starts a worker thread on a sibling module, whether the caller runs compiled (`.js`) or from TypeScript sources
// through tsx (vitest, `node --import tsx`): a plain `--import tsx` in execArgv does not reach a worker's entry
// module on Node 20, so the worker first loads tsx's API and imports the `.ts` entry through it.
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Starts a Worker on `<name>.js` (or `<name>.ts` from sources) beside the module at `callerUrl`. */
export function startModuleWorker(callerUrl: string, name: string, options: WorkerOptions = {}): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), options);
  const entry = JSON.stringify(new URL(`./${name}.ts`, callerUrl).href);
  return new Worker(`import('tsx/esm/api').then((tsx) => tsx.tsImport(${entry}, ${entry}))`, { ...options, eval: true });
}
