// `pipe serve` (HTTP model server) and `pipe predict` (batch pre-labelling). The server and its dependencies
// (fastify, prom-client, yauzl) are imported inside the actions so that `pipe`'s startup does not pay for them.
import type { Command } from 'commander';
import { UserError } from './user-error.js';

interface ServeFlags {
  model?: string;
  host: string;
  port: string;
  workers?: string;
  config?: string;
  log: string;
  insecureNoAuth?: boolean;
}

interface PredictFlags {
  model?: string;
  out: string;
  window: string;
  hop?: string;
  workers?: string;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Parses a flag as a number within bounds, or throws a UserError naming it. */
function numberFlag(name: string, text: string, min: number, integer: boolean): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new UserError(`${name} ${text}: expected ${integer ? 'an integer' : 'a number'} ≥ ${min}`);
  }
  return value;
}

async function modelDir(model: string | undefined): Promise<string> {
  const { resolveModelDir } = await import('../serve/index.js');
  const resolved = resolveModelDir(model);
  if (!resolved.ok) throw new UserError(resolved.message);
  return resolved.dir;
}

async function serveAction(flags: ServeFlags): Promise<void> {
  const serve = await import('../serve/index.js');
  const { loadModelBundle, BundleError } = await import('../bundle/index.js');
  const burst = await import('./burst-commands.js');
  const dir = (await burst.isBurstModel(flags.model)) ? flags.model! : await modelDir(flags.model);
  try {
    if (!(await burst.isBurstModel(dir))) loadModelBundle(dir); // fail fast with a one-line message before opening the port
  } catch (error) {
    if (error instanceof BundleError) throw new UserError(error.message);
    throw error;
  }
  let config;
  try {
    config = serve.loadServeConfig(flags.config);
  } catch (error) {
    if (error instanceof serve.ServeConfigError) throw new UserError(error.message);
    throw error;
  }
  if (config.auth.tokens.size === 0 && !LOOPBACK.has(flags.host) && flags.insecureNoAuth !== true) {
    throw new UserError(`--host ${flags.host}: no API tokens configured (--config or PIPE_SERVE_TOKENS); refusing to serve beyond loopback without them (--insecure-no-auth to override)`);
  }
  if (await burst.isBurstModel(dir)) return burst.burstServe(dir, flags.host, numberFlag('--port', flags.port, 0, true), config.auth);
  const { coreBudget } = await import('../util/core-budget.js');
  const workers = flags.workers === undefined ? coreBudget() : numberFlag('--workers', flags.workers, 1, true);
  const server = await serve.startServer({
    modelDir: dir,
    host: flags.host,
    port: numberFlag('--port', flags.port, 0, true),
    workers,
    config,
    logLevel: flags.log === 'off' ? false : flags.log,
  });
  process.stderr.write(`pipe serve: listening on ${server.url} (model ${dir}, ${workers} workers${config.auth.tokens.size === 0 ? ', no API tokens: open to every caller' : ''})\n`);
  await server.ready;
  const state = server.state();
  if (state.kind === 'failed') {
    await server.close();
    throw new UserError(`cannot serve ${dir}: ${state.message}`);
  }
  process.stderr.write('pipe serve: model loaded\n');
  await new Promise<void>((resolve) => {
    const stop = (): void => void server.close().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

async function predictAction(inputs: string[], flags: PredictFlags): Promise<void> {
  const burst = await import('./burst-commands.js');
  if (await burst.isBurstModel(flags.model)) return burst.burstPredict(inputs, flags.model!, flags.out);
  const { prelabelFiles, writePrelabels } = await import('../serve/index.js');
  const { listInputFiles, InputListError } = await import('../features/index.js');
  const { BundleError } = await import('../bundle/index.js');
  const dir = await modelDir(flags.model);
  const windowS = numberFlag('--window', flags.window, 0.01, false);
  const hopS = flags.hop === undefined ? windowS / 2 : numberFlag('--hop', flags.hop, 0.01, false);
  try {
    const files = listInputFiles(inputs);
    if (files.length === 0) throw new UserError(`no WAV files in ${inputs.join(', ')}`);
    const result = await prelabelFiles(files, { modelDir: dir, windowS, hopS, workers: flags.workers === undefined ? undefined : numberFlag('--workers', flags.workers, 1, true) });
    for (const failure of result.failures) process.stderr.write(`pipe predict: skipped ${failure}\n`);
    await writePrelabels(flags.out, result);
    const predicted = files.length - result.failures.length;
    process.stderr.write(`pipe predict: ${result.segments.length} segments of ${predicted} file${predicted === 1 ? '' : 's'} → ${flags.out}\n`);
    if (result.failures.length === files.length) throw new UserError('no file could be predicted');
  } catch (error) {
    if (error instanceof BundleError || error instanceof InputListError) throw new UserError(error.message);
    throw error;
  }
}

/** Registers `pipe serve` and `pipe predict`. */
export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('Serve a trained model over HTTP: /predict, /predict_zip, /health, /metrics, /openapi.json')
    .option('--model <dir>', 'model bundle directory (default: model_dir of results/best_model.json)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port (0: any free one)', '8000')
    .option('--workers <n>', 'prediction worker threads (default: one per core)')
    .option('--config <file>', 'serve.yaml: API tokens with roles, public endpoints, limits')
    .option('--log <level>', 'log level (info, warn, error, off)', 'info')
    .option('--insecure-no-auth', 'allow serving beyond loopback without API tokens')
    .action((flags: ServeFlags) => serveAction(flags));
  program
    .command('predict')
    .description('Pre-label WAV files with sliding windows (for annotation): prelabels.json or .csv')
    .argument('<inputs...>', 'WAV files or folders (searched recursively for *.wav)')
    .option('--model <dir>', 'model bundle directory (default: model_dir of results/best_model.json)')
    .option('-o, --out <file>', 'output file, .json or .csv', 'prelabels.json')
    .option('--window <s>', 'window length in seconds', '0.4')
    .option('--hop <s>', 'step between windows in seconds (default: half the window)')
    .option('--workers <n>', 'worker threads (default: one per core)')
    .action((inputs: string[], flags: PredictFlags) => predictAction(inputs, flags));
}
