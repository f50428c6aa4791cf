// Worker thread of the tune stage: receives the trial data once, then runs trials it is sent, one at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { runTrial, type TrialData } from './tune-trial.js';

export interface TrialRequest {
  readonly id: number;
  readonly params: Readonly<Record<string, unknown>>;
}

const data = workerData as TrialData;
parentPort?.on('message', (request: TrialRequest) => {
  try {
    parentPort?.postMessage({ id: request.id, ok: true, score: runTrial(data, request.params) });
  } catch (error) {
    parentPort?.postMessage({ id: request.id, ok: false, reason: error instanceof Error ? error.message : String(error) });
  }
});
