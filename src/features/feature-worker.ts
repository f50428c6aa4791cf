// Worker-thread entry: opens one feature set, then extracts the batches of files the parent posts to it.
import { parentPort, workerData } from 'node:worker_threads';
import { extractFiles } from './extract-files.js';
import { featureSet } from './registry.js';
import type { FeatureParams } from './types.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './worker-protocol.js';

const port = parentPort;
if (port === null) throw new Error('feature-worker must run in a worker thread');

const setup = workerData as WorkerSetup;
const opening = featureSet(setup.setName).open(setup.params as FeatureParams);
opening.catch(() => undefined); // reported per request below

port.on('message', (request: WorkerRequest) => {
  void handle(request).then((reply) => port.postMessage(reply));
});

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  try {
    const extractor = await opening;
    const rows = await extractFiles(extractor, request.paths, setup.frames);
    return { kind: 'rows', taskId: request.taskId, rows };
  } catch (error) {
    return { kind: 'error', taskId: request.taskId, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}
