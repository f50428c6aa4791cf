// Worker thread of a tuning trial pool: receives the trial data once, bins it and takes a round board (so an idle
// thread may help its trials), then runs the trials it is sent, one at a time.
import { serveWorkerTasks } from '../util/worker-tasks.js';
import { claimTrialBoard, prepareTrialFeatures, runTrial, type TrialData, type TrialParams, type TrialScore } from './trial.js';

serveWorkerTasks<TrialData, TrialParams, TrialScore>((data) => {
  const prepared = prepareTrialFeatures(data);
  const board = claimTrialBoard(data);
  return (params) => runTrial(data, params, prepared, board);
});
