// Writes a trained-model bundle (model.json + bundle.json) atomically: into a temp dir, then renamed into place.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FeatureParams } from '../features/index.js';
import { modelToJson, type GbdtModel, type LabelEncoder, type Matrix, type MedianImputer } from '../ml/index.js';
import { BUNDLE_FILE, BUNDLE_FORMAT, MODEL_FILE, stableJson, type BundleJson } from './bundle-schema.js';
import { columnQuantiles } from './reference-quantiles.js';

export interface SaveModelBundleOptions {
  readonly model: GbdtModel;
  readonly featureSet: string;
  readonly featureParams: FeatureParams;
  /** Feature names in the model's column order. */
  readonly columns: readonly string[];
  readonly imputer: MedianImputer;
  readonly encoder: LabelEncoder;
  /** XGBoost parameters as given (snake_case scalars), recorded for provenance. */
  readonly trainingParams: Readonly<Record<string, string | number | boolean>>;
  readonly nTrainRows: number;
  readonly seed: number;
  /** Training features (before or after imputation; they are imputed here) for the drift reference. */
  readonly trainingFeatures: Matrix;
}

/** Builds the `bundle.json` content, checking that columns, imputer, model and classes agree. */
export function bundleJsonOf(o: SaveModelBundleOptions): BundleJson {
  const cols = o.columns.length;
  if (o.imputer.fill.length !== cols) throw new RangeError(`saveModelBundle: imputer has ${o.imputer.fill.length} columns, expected ${cols}`);
  if (o.model.numFeature !== cols) throw new RangeError(`saveModelBundle: model has ${o.model.numFeature} features, expected ${cols}`);
  if (o.trainingFeatures.cols !== cols) throw new RangeError(`saveModelBundle: training features have ${o.trainingFeatures.cols} columns, expected ${cols}`);
  const classes = [...o.encoder.classes];
  const outputs = o.model.objective === 'binary:logistic' ? 2 : o.model.numClass;
  if (outputs !== classes.length) throw new RangeError(`saveModelBundle: model has ${outputs} classes, encoder ${classes.length}`);
  return {
    format: BUNDLE_FORMAT,
    feature_set: o.featureSet,
    feature_params: { ...o.featureParams },
    columns: [...o.columns],
    classes,
    imputer: o.imputer.toJSON(),
    label_encoder: o.encoder.toJSON(),
    training: { params: { ...o.trainingParams }, n_train_rows: o.nTrainRows, seed: o.seed },
    reference: { columns: [...o.columns], quantiles: columnQuantiles(o.imputer.transform(o.trainingFeatures)) },
  };
}

/** Saves a bundle to `dir`, replacing any previous one; the bytes depend only on the inputs. */
export async function saveModelBundle(dir: string, options: SaveModelBundleOptions): Promise<void> {
  const json = bundleJsonOf(options);
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmp = `${dir}.tmp-${suffix}`;
  await mkdir(dirname(dir), { recursive: true });
  await mkdir(tmp);
  try {
    await writeFile(join(tmp, MODEL_FILE), modelToJson(options.model));
    await writeFile(join(tmp, BUNDLE_FILE), stableJson(json));
    const old = `${dir}.old-${suffix}`;
    const hadOld = await rename(dir, old).then(() => true, (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return false;
      throw e;
    });
    await rename(tmp, dir);
    if (hadOld) await rm(old, { recursive: true, force: true });
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
}
