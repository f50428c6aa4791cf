// Worker thread of a tuning trial pool: receives the trial data once and bins it, then runs the trials it is sent,
// one at a time.
import { serveWorkerTasks } from '../util/worker-tasks.js';
import { prepareTrialFeatures, runTrial, type TrialData, type TrialScore, type TrialTask } from './trial.js';

serveWorkerTasks<TrialData, TrialTask, TrialScore>((data) => {
  const prepared = prepareTrialFeatures(data);
  return (task) => runTrial(data, task.params, prepared, task.options);
});
