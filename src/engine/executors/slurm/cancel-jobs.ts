// `pipe cancel`: cancels the Slurm jobs recorded under .pipe/slurm/ (a run whose submitting process was
// interrupted), signals a `pipe repro` still holding the project lock, and forgets the records once the queue
// shows the jobs ended.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isActive, queueStates } from './job-states.js';
import { readRecords, writeRecords } from './job-records.js';
import { scancel } from './slurm-cli.js';

export interface CancelResult {
  /** The job and array-task ids that were still queued or running. */
  readonly cancelled: readonly string[];
  /** The pid of a running `pipe repro` that was sent SIGTERM, if any. */
  readonly signalledPid?: number;
}

const WAIT_MS = 30_000;

/** Cancels every recorded job of the project; resolves once squeue shows none of them active (bounded). */
export async function cancelRecordedJobs(pipeDir: string): Promise<CancelResult> {
  const signalledPid = signalRepro(pipeDir);
  const records = readRecords(pipeDir);
  const jobIds = [...new Set([...records.values()].map((r) => r.jobId))];
  const taskIds = [...records.values()].map((r) => r.taskId);
  const before = await queueStates(jobIds);
  const active = before.ok ? taskIds.filter((t) => isActive(before.states.get(t) ?? '')) : taskIds;
  await scancel(jobIds);
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const view = await queueStates(jobIds);
    if (!view.ok || ![...view.states.values()].some(isActive) || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  // a repro that was signalled forgets its own records; otherwise clear them here
  if (signalledPid === undefined) writeRecords(pipeDir, new Map());
  return { cancelled: active, ...(signalledPid === undefined ? {} : { signalledPid }) };
}

/** SIGTERM to the live process holding .pipe/repro.pid (it then cancels its jobs itself). */
function signalRepro(pipeDir: string): number | undefined {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(path.join(pipeDir, 'repro.pid'), 'utf8'), 10);
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
  try {
    process.kill(pid, 'SIGTERM');
    return pid;
  } catch {
    return undefined;
  }
}
