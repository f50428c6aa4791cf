// A model ready to serve: the bundle, its content version, its worker pool and its drift monitor.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { BUNDLE_FILE, loadModelBundle, MODEL_FILE, type ModelBundle } from '../bundle/index.js';
import { DriftMonitor } from './drift-monitor.js';
import { PredictPool } from './predict-pool.js';
import type { ServeLimits } from './serve-config.js';

export interface LoadedModel {
  readonly dir: string;
  readonly name: string;
  /** First 12 hex digits of the SHA-256 of bundle.json and model.json: changes exactly when the model does. */
  readonly version: string;
  readonly bundle: ModelBundle;
  readonly pool: PredictPool;
  readonly drift: DriftMonitor;
  readonly loadedAt: Date;
}

export interface LoadModelOptions {
  readonly dir: string;
  readonly workers: number;
  readonly limits: ServeLimits;
  /** Drift window (vectors). Default 500. */
  readonly driftWindow?: number;
}

/** Loads the bundle (throws BundleError) and starts its workers (throws WorkerPoolError). */
export async function loadModel(options: LoadModelOptions): Promise<LoadedModel> {
  const bundle = loadModelBundle(options.dir);
  const hash = createHash('sha256');
  for (const f of [BUNDLE_FILE, MODEL_FILE]) hash.update(readFileSync(join(options.dir, f)));
  const pool = await PredictPool.start(
    { bundleDir: options.dir, chunkS: 0.4, hopS: 0.4, minLastChunkS: 0.2 },
    { size: options.workers, maxQueue: options.limits.maxQueue, taskTimeoutMs: options.limits.predictTimeoutMs },
  );
  return {
    dir: options.dir,
    name: basename(options.dir),
    version: hash.digest('hex').slice(0, 12),
    bundle,
    pool,
    drift: new DriftMonitor(bundle, { windowSize: options.driftWindow ?? 500 }),
    loadedAt: new Date(),
  };
}
