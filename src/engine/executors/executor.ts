// The seam between scheduling and running: a local executor today, a Slurm executor later (sbatch to submit,
// squeue/scontrol to track, scancel on interrupt) behind the same two methods.

/** What to run for one stage. */
export interface StageJob {
  readonly stage: string;
  /** Command lines, run one after another through /bin/sh; the first failure stops the stage. */
  readonly commands: readonly string[];
  /** Absolute working directory. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** One flat shape for every outcome of a job. */
export type ExecOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'exit-non-zero'; readonly code: number; readonly command: string }
  | { readonly ok: false; readonly reason: 'killed'; readonly signal: string; readonly command: string }
  | { readonly ok: false; readonly reason: 'spawn-error'; readonly message: string; readonly command: string };

/** Receives a job's output line by line. */
export type OutputSink = (stream: 'stdout' | 'stderr', line: string) => void;

export interface Executor {
  /** Runs `job` to completion, streaming its output to `sink`. */
  run(job: StageJob, sink: OutputSink): Promise<ExecOutcome>;
  /** Stops every running job (its whole process tree) and resolves once they have exited. */
  cancelAll(): Promise<void>;
  /** Ends (or waits for) the jobs a previous, killed engine left running; returns their stage names. */
  endLeftovers?(): Promise<readonly string[]>;
}
