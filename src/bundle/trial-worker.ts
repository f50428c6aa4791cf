// Worker thread of a tuning trial pool: receives the trial data once, then runs the trials it is sent, one at a time.
import { serveWorkerTasks } from '../util/worker-tasks.js';
import { runTrial, type TrialData, type TrialScore, type TrialTask } from './trial.js';

serveWorkerTasks<TrialData, TrialTask, TrialScore>((data) => (task) => runTrial(data, task.params, task.options));
