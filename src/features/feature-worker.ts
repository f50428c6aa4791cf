// Worker-thread entry: opens one feature set, then extracts the batches of files the parent posts to it.
import { serveWorkerTasks } from '../util/worker-tasks.js';
import { extractFiles } from './extract-files.js';
import { featureSet } from './registry.js';
import type { FeatureParams, FeatureRow } from './types.js';

/** Given to each worker at start (`workerData`). */
export interface FeatureWorkerSetup {
  readonly setName: string;
  readonly params: FeatureParams;
  readonly frames: boolean;
}

serveWorkerTasks<FeatureWorkerSetup, readonly string[], FeatureRow[]>(async (setup) => {
  const extractor = await featureSet(setup.setName).open(setup.params);
  return (paths) => extractFiles(extractor, paths, setup.frames);
});
