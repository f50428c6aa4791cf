// `pipe gate` (quality gate on an evaluation report) and the burst-model branches of `pipe predict` / `pipe serve`.
// The burst modules load only when used.
import type { Command } from 'commander';
import { UserError } from './user-error.js';

interface GateFlags {
  rule: string[];
  params: string;
  json?: boolean;
}

/** Rules from --rule, else from `gate.rules` of the params file. */
async function gateRules(flags: GateFlags): Promise<string[]> {
  if (flags.rule.length > 0) return flags.rule;
  const { existsSync, readFileSync } = await import('node:fs');
  const { parse } = await import('yaml');
  if (!existsSync(flags.params)) throw new UserError(`no --rule given and ${flags.params} not found (give rules, e.g. --rule 'macro_f1 >= 0.7')`);
  const doc = parse(readFileSync(flags.params, 'utf8')) as { gate?: { rules?: unknown } } | null;
  const rules = doc?.gate?.rules;
  if (!Array.isArray(rules) || rules.length === 0 || !rules.every((r) => typeof r === 'string')) {
    throw new UserError(`${flags.params}:gate.rules: expected a list of rules such as 'macro_f1 >= 0.7' (or give --rule)`);
  }
  return rules as string[];
}

/** Registers `pipe gate`. */
export function registerBurstCommands(program: Command): void {
  program
    .command('gate')
    .description('check an evaluation report against rules (macro_f1 >= 0.7, ece <= 0.1, recall.h >= 0.5); exit 1 naming each failed rule')
    .argument('[report]', 'evaluation_report.json', 'results/evaluation/evaluation_report.json')
    .option('-r, --rule <rule>', "a rule 'metric op number' (repeatable; default: gate.rules of --params)", (v: string, prev: string[]) => [...prev, v], [])
    .option('--params <file>', 'params file whose gate.rules are used when no --rule is given', 'params.yaml')
    .option('--json', 'print the outcome as JSON')
    .action(async (report: string, flags: GateFlags) => {
      const { runGate } = await import('../burst/gate-run.js');
      const { BurstError } = await import('../burst/burst-error.js');
      let result;
      try {
        result = runGate(report, await gateRules(flags));
      } catch (error) {
        if (error instanceof BurstError) throw new UserError(error.message);
        throw error;
      }
      if (flags.json === true) process.stdout.write(`${JSON.stringify(result.json, null, 2)}\n`);
      else for (const line of result.lines) process.stdout.write(`${line}\n`);
      if (!result.passed) throw new UserError(`gate ${result.summary}`);
    });
}

/** `pipe predict` with a burst model: windows of its fixed length, hop 0.25 × window → prelabels.json or CSV. */
export async function burstPredict(inputs: readonly string[], modelDir: string, out: string): Promise<void> {
  const { listInputFiles, InputListError } = await import('../features/index.js');
  const { burstPrelabelFiles, writeBurstPrelabels } = await import('../burst/inference/burst-prelabel.js');
  const { BurstError } = await import('../burst/burst-error.js');
  try {
    const files = listInputFiles(inputs);
    if (files.length === 0) throw new UserError(`no WAV files in ${inputs.join(', ')}`);
    const result = await burstPrelabelFiles(files.map((f) => f.path), modelDir);
    for (const failure of result.failures) process.stderr.write(`pipe predict: skipped ${failure}\n`);
    if (result.failures.length === files.length) throw new UserError('no file could be predicted');
    writeBurstPrelabels(out, result.prelabels);
    process.stderr.write(`pipe predict: ${result.prelabels.predictions.length} windows of ${result.prelabels.audio_files.length} file(s) → ${out}\n`);
  } catch (error) {
    if (error instanceof BurstError || error instanceof InputListError) throw new UserError(error.message);
    throw error;
  }
}

/** Whether `--model` names a burst model folder. */
export async function isBurstModel(modelDir: string | undefined): Promise<boolean> {
  if (modelDir === undefined) return false;
  const { isBurstModelDir } = await import('../burst/model-dir.js');
  return isBurstModelDir(modelDir);
}

/** `pipe serve` with a burst model: /health, /predict, /batch_predict until SIGINT/SIGTERM. */
export async function burstServe(modelDir: string, host: string, port: number, auth: import('../serve/auth.js').AuthConfig): Promise<void> {
  const { startBurstServer } = await import('../burst/serve/burst-server.js');
  const { BurstError } = await import('../burst/burst-error.js');
  let server;
  try {
    server = await startBurstServer({ modelDir, host, port, auth });
  } catch (error) {
    if (error instanceof BurstError) throw new UserError(error.message);
    throw error;
  }
  process.stderr.write(`pipe serve: listening on ${server.url} (burst model ${modelDir}: /health, /predict, /batch_predict)\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => void server.close().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
