// The seam between scheduling and running: the local executor, and the Slurm executor (sbatch to submit, exit
// files and squeue to track, scancel on interrupt) behind the same two methods.
import type { Resources } from '../resources.js';
import type { ClusterFailure } from './cluster-failure.js';

/** What to run for one stage. */
export interface StageJob {
  readonly stage: string;
  /** Command lines, run one after another through /bin/sh; the first failure stops the stage. */
  readonly commands: readonly string[];
  /** Absolute working directory. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The foreach/matrix group of a generated stage: items of one group ready together may share a submission. */
  readonly group?: string | undefined;
  readonly resources?: Resources | undefined;
  /** `local`: the stage stays on the submitting host whatever the executor. */
  readonly placement?: 'local' | undefined;
  /** Absolute paths of the declared outputs (a cluster executor waits for them to appear). */
  readonly outputs?: readonly string[] | undefined;
}

/** One flat shape for every outcome of a job. */
export type ExecOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'exit-non-zero'; readonly code: number; readonly command: string }
  | { readonly ok: false; readonly reason: 'killed'; readonly signal: string; readonly command: string }
  | { readonly ok: false; readonly reason: 'spawn-error'; readonly message: string; readonly command: string }
  | ClusterFailure;

/** Receives a job's output line by line. */
export type OutputSink = (stream: 'stdout' | 'stderr', line: string) => void;

export interface Executor {
  /** Runs `job` to completion, streaming its output to `sink`. */
  run(job: StageJob, sink: OutputSink): Promise<ExecOutcome>;
  /** Stops every running job (its whole process tree) and resolves once they have exited. */
  cancelAll(): Promise<void>;
  /** Ends (or waits for) the jobs a previous, killed engine left running; returns their stage names. */
  endLeftovers?(): Promise<readonly string[]>;
  /**
   * True when a job of an earlier, interrupted run of this very stage is still queued, running, or finished
   * unread: `run` will reattach to it, so its outputs must not be deleted first. Absent: never.
   */
  reattaches?(job: StageJob): Promise<boolean>;
  /** How many stages the scheduler may hand over at once; absent: `-j`. (A cluster executor bounds jobs itself.) */
  readonly stageSlots?: number;
}
