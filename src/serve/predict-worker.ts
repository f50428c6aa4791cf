// Worker-thread entry: loads the bundle and opens its feature set once, then predicts the uploads it is sent.
import { loadModelBundle } from '../bundle/index.js';
import { featureSet } from '../features/index.js';
import { serveWorkerTasks } from '../util/worker-tasks.js';
import { predictFiles, type PredictFilesResult } from './predict-files.js';
import type { PredictWorkerSetup, UploadedFile } from './predict-protocol.js';

serveWorkerTasks<PredictWorkerSetup, readonly UploadedFile[], PredictFilesResult>(async (setup) => {
  const bundle = loadModelBundle(setup.bundleDir);
  const extractor = await featureSet(bundle.featureSet).open(bundle.featureParams);
  return (files) => predictFiles(bundle, extractor, files, setup);
});
