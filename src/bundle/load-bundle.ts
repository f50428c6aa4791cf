// Loads and validates a trained-model bundle; every problem is one line naming the file at fault.
import { InputError } from '../util/input-error.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureParams } from '../features/index.js';
import { LabelEncoder, MedianImputer, modelFromJson, predictProba, type GbdtModel, type Matrix } from '../ml/index.js';
import { BUNDLE_FILE, bundleJsonSchema, formatIssues, MODEL_FILE, type BundleJson } from './bundle-schema.js';

/** Why a bundle could not be loaded. */
export type BundleErrorReason = 'missing-file' | 'bad-json' | 'bad-format' | 'mismatch';

/** A bundle that cannot be used; `message` is one line that starts with the file's path. */
export class BundleError extends InputError {
  constructor(
    override readonly reason: BundleErrorReason,
    readonly file: string,
    detail: string,
  ) {
    super(reason, `${file}: ${detail}`);
    this.name = 'BundleError';
  }
}

/** A loaded bundle: the model with everything needed to go from a feature vector to class probabilities. */
export class ModelBundle {
  constructor(
    readonly dir: string,
    readonly json: BundleJson,
    readonly model: GbdtModel,
    readonly imputer: MedianImputer,
    readonly encoder: LabelEncoder,
  ) {}

  get featureSet(): string {
    return this.json.feature_set;
  }
  get featureParams(): FeatureParams {
    return this.json.feature_params;
  }
  get columns(): readonly string[] {
    return this.json.columns;
  }
  get classes(): readonly string[] {
    return this.json.classes;
  }

  /** Class probabilities (rows × classes, row-major) of raw feature rows; NaN cells are imputed first. */
  predictFeatures(x: Matrix): Float64Array {
    return Float64Array.from(predictProba(this.model, this.imputer.transform(x)));
  }
}

/** Reads `<dir>/bundle.json` and `<dir>/model.json`; throws BundleError on any problem. */
export function loadModelBundle(dir: string): ModelBundle {
  const bundlePath = join(dir, BUNDLE_FILE);
  const modelPath = join(dir, MODEL_FILE);
  const parsed = bundleJsonSchema.safeParse(readJson(bundlePath));
  if (!parsed.success) throw new BundleError('bad-format', bundlePath, `not a pipe-model-bundle/1 file (${formatIssues(parsed.error)})`);
  const json = parsed.data;
  const modelText = readText(modelPath);
  let model: GbdtModel;
  try {
    model = modelFromJson(modelText);
  } catch (error) {
    throw new BundleError('bad-format', modelPath, `not an XGBoost JSON model (${messageOf(error)})`);
  }
  const imputer = wrap(bundlePath, () => MedianImputer.fromJSON(json.imputer));
  const encoder = wrap(bundlePath, () => LabelEncoder.fromJSON(json.label_encoder));
  checkConsistency(json, model, bundlePath, modelPath);
  return new ModelBundle(dir, json, model, imputer, encoder);
}

/** Columns, imputer, reference, encoder and model must describe the same features and classes. */
function checkConsistency(json: BundleJson, model: GbdtModel, bundlePath: string, modelPath: string): void {
  const cols = json.columns.length;
  const fail = (file: string, detail: string): never => {
    throw new BundleError('mismatch', file, detail);
  };
  if (json.imputer.fill.length !== cols) fail(bundlePath, `imputer has ${json.imputer.fill.length} columns but 'columns' lists ${cols}`);
  if (json.reference.columns.length !== cols || json.reference.quantiles.length !== cols) {
    fail(bundlePath, `reference has ${json.reference.quantiles.length} columns but 'columns' lists ${cols}`);
  }
  if (json.label_encoder.classes.join('\u0000') !== json.classes.join('\u0000')) fail(bundlePath, `label_encoder classes differ from 'classes'`);
  if (model.numFeature !== cols) fail(modelPath, `model expects ${model.numFeature} features but ${bundlePath} lists ${cols} columns`);
  const outputs = model.objective === 'binary:logistic' ? 2 : model.numClass;
  if (outputs !== json.classes.length) fail(modelPath, `model has ${outputs} classes but ${bundlePath} lists ${json.classes.length}`);
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BundleError('missing-file', path, code === 'ENOENT' ? 'missing (is this a model bundle directory?)' : `cannot read (${code ?? messageOf(error)})`);
  }
}

function readJson(path: string): unknown {
  const text = readText(path);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BundleError('bad-json', path, `invalid JSON (${messageOf(error)})`);
  }
}

function wrap<T>(file: string, build: () => T): T {
  try {
    return build();
  } catch (error) {
    throw new BundleError('bad-format', file, messageOf(error));
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
