// How a stage run on a cluster can fail, as typed values: the job's final state (with its job id and log, so
// that the one line a user sees says where to look) or a submission that the scheduler refused.

/** Final states of a job that did not succeed; LOST: it left the queue without writing its exit code. */
export type ClusterJobState = 'FAILED' | 'TIMEOUT' | 'OUT_OF_MEMORY' | 'NODE_FAIL' | 'PREEMPTED' | 'CANCELLED' | 'BOOT_FAIL' | 'DEADLINE' | 'LOST';

export type ClusterFailure =
  | {
      readonly ok: false;
      readonly reason: 'cluster-job';
      readonly state: ClusterJobState;
      readonly jobId: string;
      /** Root-relative path of the job's log. */
      readonly log: string;
      /** The exit code (FAILED). */
      readonly code?: number;
      /** The command that failed (FAILED), when known. */
      readonly command?: string;
    }
  | { readonly ok: false; readonly reason: 'submit-error'; readonly message: string; readonly command: string };

/** The one-line description of a cluster failure (without the stage, which the logger prefixes). */
export function clusterFailureText(f: ClusterFailure): string {
  if (f.reason === 'submit-error') return `submission failed: ${f.message}`;
  const what =
    f.state === 'FAILED' && f.code !== undefined
      ? `FAILED with exit code ${f.code}${f.command === undefined ? '' : ` in '${f.command}'`}`
      : f.state === 'LOST'
        ? 'left the queue without an exit code (LOST)'
        : f.state;
  return `Slurm job ${f.jobId} ${what}; log: ${f.log}`;
}
