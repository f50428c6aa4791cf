// Reading where jobs stand: one `squeue` call for every job of the run (array tasks expanded), and the markers
// slurmstepd writes into a job's log when it kills it — the final state for jobs that squeue has already
// forgotten, with no dependence on sacct/slurmdbd.
import type { ClusterJobState } from '../cluster-failure.js';
import { slurmCommand } from './slurm-cli.js';

/** squeue's states of a job that may still run or is about to finish. */
const ACTIVE = new Set([
  'PENDING', 'CONFIGURING', 'RUNNING', 'COMPLETING', 'SUSPENDED', 'REQUEUED', 'REQUEUE_HOLD', 'REQUEUE_FED',
  'RESIZING', 'SIGNALING', 'STAGE_OUT', 'STOPPED', 'SPECIAL_EXIT', 'RESV_DEL_HOLD', 'POWER_UP_NODE',
]);

export type QueueView = { readonly ok: true; readonly states: ReadonlyMap<string, string> } | { readonly ok: false; readonly message: string };

/**
 * Every job and array task of `jobIds` that slurmctld still knows (`id` or `id_index` → state), finished ones
 * included. Ids it has forgotten are simply absent.
 */
export async function queueStates(jobIds: readonly string[]): Promise<QueueView> {
  if (jobIds.length === 0) return { ok: true, states: new Map() };
  const r = await slurmCommand('squeue', ['-h', '-r', '-t', 'all', '-o', '%i|%T', '-j', jobIds.join(',')]);
  if (!r.ok) {
    // every id forgotten: squeue refuses the list instead of printing nothing
    if (/invalid job id/i.test(r.message)) return { ok: true, states: new Map() };
    return r;
  }
  const states = new Map<string, string>();
  for (const line of r.stdout.split('\n')) {
    const [id, state] = line.trim().split('|');
    if (id !== undefined && id !== '' && state !== undefined) states.set(id, state.trim());
  }
  return { ok: true, states };
}

/** True for states in which the job may still run. */
export function isActive(state: string): boolean {
  return ACTIVE.has(state);
}

/** The failure state squeue reports, when it is one (`COMPLETED` and active states are not). */
export function failureState(state: string): ClusterJobState | undefined {
  const known: readonly ClusterJobState[] = ['FAILED', 'TIMEOUT', 'OUT_OF_MEMORY', 'NODE_FAIL', 'PREEMPTED', 'CANCELLED', 'BOOT_FAIL', 'DEADLINE'];
  const base = state.split(' ')[0] ?? state; // "CANCELLED by 0"
  return known.find((k) => k === base);
}

/**
 * The state slurmstepd's kill message in the log names: it says TIMEOUT, OUT_OF_MEMORY (memory enforced by
 * cgroups or by polling, which squeue may report only as FAILED/CANCELLED), NODE_FAIL or PREEMPTED.
 */
export function stateFromLog(logTail: string): ClusterJobState | undefined {
  if (/DUE TO TIME LIMIT/.test(logTail)) return 'TIMEOUT';
  if (/exceeded (job )?memory limit|oom[-_ ]kill|out of memory/i.test(logTail)) return 'OUT_OF_MEMORY';
  if (/DUE TO NODE FAILURE/.test(logTail)) return 'NODE_FAIL';
  if (/DUE TO PREEMPTION/.test(logTail)) return 'PREEMPTED';
  if (/\*\*\* JOB \d+ ON \S+ CANCELLED AT/.test(logTail)) return 'CANCELLED';
  return undefined;
}
