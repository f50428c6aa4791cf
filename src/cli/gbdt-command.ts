// `pipe gbdt train|predict`: the gradient boosting library as a command. The library is imported inside the
// actions so that `pipe`'s startup does not pay for it.
import { coreBudget } from '../util/core-budget.js';
import { InputError } from '../util/input-error.js';
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { UserError } from './user-error.js';

interface TrainFlags {
  train: string;
  valid?: string;
  label: string;
  params: string;
  modelOut: string;
  predOut?: string;
  test?: string;
}

interface PredictFlags {
  model: string;
  data: string;
  out: string;
}

/** Reads a text file, turning a missing or unreadable file into a UserError naming the flag. */
async function readText(path: string, flag: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new UserError(`${flag} ${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** Runs a library call, adding context to its input errors; a TypeError/RangeError is a bug and keeps its stack. */
async function asUserError<T>(context: string, f: () => T | Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof InputError) throw new UserError(context === '' ? e.message : `${context}: ${e.message}`);
    throw e;
  }
}

/** Parses `--params`: JSON text, or the path of a JSON file. */
async function readParams(text: string): Promise<Record<string, unknown>> {
  let source = text;
  if (!text.trim().startsWith('{')) source = await readText(text, '--params');
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (e) {
    throw new UserError(`--params: not valid JSON (${(e as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UserError('--params: must be a JSON object');
  return value as Record<string, unknown>;
}

/** Writes class probabilities as CSV with columns p0..p(K−1). */
async function writeProba(path: string, prob: Float32Array, classes: number, formatter: (v: number) => string): Promise<void> {
  const header = Array.from({ length: classes }, (_, k) => `p${k}`);
  const lines = [header.join(',')];
  for (let i = 0; i < prob.length / classes; i++) {
    const row: string[] = [];
    for (let k = 0; k < classes; k++) row.push(formatter(prob[i * classes + k]!));
    lines.push(row.join(','));
  }
  await writeFile(path, lines.join('\n') + '\n');
}

/** Trains a model from CSV files and writes it (and optionally test predictions). */
async function trainAction(flags: TrainFlags): Promise<void> {
  if ((flags.predOut === undefined) !== (flags.test === undefined)) throw new UserError('--pred-out and --test go together');
  const gbdt = await import('../ml/gbdt/index.js');
  const raw = await readParams(flags.params);
  const params = await asUserError('', () => gbdt.parseGbdtParams(raw)); // messages start with 'params:'
  const train = await asUserError(`--train ${flags.train}`, async () => gbdt.datasetFromCsv(await readText(flags.train, '--train'), { labelColumn: flags.label }));
  const valid = flags.valid
    ? await asUserError(`--valid ${flags.valid}`, async () =>
        gbdt.datasetFromCsv(await readText(flags.valid!, '--valid'), { labelColumn: flags.label, classes: train.classes, featureColumns: train.featureNames }),
      )
    : undefined;
  if (params.earlyStoppingRounds > 0 && !valid) throw new UserError('--params: early_stopping_rounds needs --valid');
  if (params.backend === 'native') {
    const problem = gbdt.nativeBackendProblem();
    if (problem !== null) throw new UserError(problem);
  }
  const result = await asUserError('training', () =>
    params.backend === 'native'
      ? gbdt.trainGbdtNative(train.x, train.labels!, params, { featureNames: train.featureNames, ...(valid ? { valid: { x: valid.x, labels: valid.labels! } } : {}) })
      : gbdt.trainGbdtOnThreads(train.x, train.labels!, params, { featureNames: train.featureNames, ...(valid ? { valid: { x: valid.x, labels: valid.labels! } } : {}) }, coreBudget()),
  );
  await writeFile(flags.modelOut, gbdt.modelToJson(result.model));
  if (flags.test && flags.predOut) {
    const test = await asUserError(`--test ${flags.test}`, async () => gbdt.datasetFromCsv(await readText(flags.test!, '--test'), { featureColumns: train.featureNames }));
    const prob = gbdt.predictProba(result.model, test.x);
    await writeProba(flags.predOut, prob, Math.max(2, result.model.numClass), gbdt.formatFloat32Plain);
  }
  const rounds = gbdt.numRounds(result.model);
  const note = valid ? `, best round ${result.bestIteration + 1} (valid loss ${result.validLoss[result.bestIteration]?.toFixed(6)})` : '';
  process.stdout.write(`trained ${rounds} rounds (${result.model.trees.length} trees)${note} → ${flags.modelOut}\n`);
}

/** Predicts class probabilities of a CSV file with a saved XGBoost JSON model. */
async function predictAction(flags: PredictFlags): Promise<void> {
  const gbdt = await import('../ml/gbdt/index.js');
  const model = await asUserError(`--model ${flags.model}`, async () => gbdt.modelFromJson(await readText(flags.model, '--model')));
  const text = await readText(flags.data, '--data');
  const names = model.featureNames.length > 0 ? model.featureNames : undefined;
  const data = await asUserError(`--data ${flags.data}`, () => gbdt.datasetFromCsv(text, names ? { featureColumns: names } : {}));
  const prob = await asUserError('predict', () => gbdt.predictProba(model, data.x));
  await writeProba(flags.out, prob, Math.max(2, model.numClass), gbdt.formatFloat32Plain);
}

/** Registers `pipe gbdt train` and `pipe gbdt predict`. */
export function registerGbdtCommand(program: Command): void {
  const gbdt = program.command('gbdt').description('XGBoost-compatible gradient boosting (train, predict; XGBoost JSON models)');
  gbdt
    .command('train')
    .description('train a model from CSV (empty cell = missing) and save it in XGBoost JSON format')
    .requiredOption('--train <csv>', 'training data with a header row')
    .option('--valid <csv>', 'validation data (early stopping, mlogloss)')
    .requiredOption('--label <column>', 'label column (integers 0..K-1 or class names)')
    .requiredOption('--params <json>', 'XGBoost parameters as JSON text or a JSON file (eta, max_depth, num_class, …)')
    .requiredOption('--model-out <json>', 'where to write the model')
    .option('--pred-out <csv>', 'where to write class probabilities of --test')
    .option('--test <csv>', 'data to predict after training')
    .action((flags: TrainFlags) => trainAction(flags));
  gbdt
    .command('predict')
    .description('write class probabilities (one column per class) of CSV data with a saved model')
    .requiredOption('--model <json>', 'XGBoost JSON model (from pipe or from XGBoost)')
    .requiredOption('--data <csv>', 'data with a header row; extra columns (e.g. the label) are ignored when the model names its features')
    .requiredOption('--out <csv>', 'where to write the probabilities')
    .action((flags: PredictFlags) => predictAction(flags));
}
