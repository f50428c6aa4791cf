// Worker-thread entry: loads the bundle and opens its feature set once, then predicts the uploads it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { loadModelBundle } from '../bundle/index.js';
import { featureSet } from '../features/index.js';
import { predictFiles } from './predict-files.js';
import type { PredictReply, PredictRequest, PredictWorkerSetup } from './predict-protocol.js';

const port = parentPort;
if (port === null) throw new Error('predict-worker must run in a worker thread');
const setup = workerData as PredictWorkerSetup;

function reply(message: PredictReply): void {
  port!.postMessage(message);
}

try {
  const bundle = loadModelBundle(setup.bundleDir);
  const extractor = await featureSet(bundle.featureSet).open(bundle.featureParams);
  port.on('message', (request: PredictRequest) => {
    predictFiles(bundle, extractor, request.files, setup).then(
      (result) => reply({ kind: 'done', taskId: request.taskId, ...result }),
      (error: unknown) => reply({ kind: 'error', taskId: request.taskId, message: error instanceof Error ? error.message : String(error) }),
    );
  });
  reply({ kind: 'ready' });
} catch (error) {
  reply({ kind: 'start-failed', message: error instanceof Error ? error.message : String(error) });
}
