// Worker thread of a tuning trial pool: receives the trial data once, bins it and takes a round board (so an idle
// thread may help its trials), then runs the trials it is sent, one at a time.
import { serveWorkerTasks } from '../util/worker-tasks.js';
import { claimTrialBoard, prepareTrialFeatures, runTrial, type TrialData, type TrialScore, type TrialTask } from './trial.js';

serveWorkerTasks<TrialData, TrialTask, TrialScore>((data) => {
  const prepared = prepareTrialFeatures(data);
  const board = claimTrialBoard(data);
  return (task) => runTrial(data, task.params, prepared, board, task.options);
});
