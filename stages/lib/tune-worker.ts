// Worker thread of the tune stage: receives the trial data once, then runs trials it is sent, one at a time.
import { serveWorkerTasks } from '../../src/util/worker-tasks.js';
import { runTrial, type TrialData, type TrialScore } from './tune-trial.js';

serveWorkerTasks<TrialData, Readonly<Record<string, unknown>>, TrialScore>((data) => (params) => runTrial(data, params));
