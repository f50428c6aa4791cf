// Runs a DAG of jobs with bounded parallelism: a job starts once all its upstream jobs succeeded. Without
// keep-going the first failure stops new starts; with it only the failed job's dependents are skipped.

export type JobOutcome = 'ok' | 'failed';

export interface ScheduleOptions {
  /** Jobs in topological order; ties start in this order. */
  readonly order: readonly string[];
  /** Upstream jobs of each job (restricted to `order` by the scheduler). */
  readonly upstream: (job: string) => readonly string[];
  readonly jobs: number;
  readonly keepGoing: boolean;
  /** Polled before each start: true once the run was interrupted. */
  readonly stopped: () => boolean;
}

export interface ScheduleResult {
  readonly succeeded: readonly string[];
  readonly failed: readonly string[];
  /** Not started because an upstream job failed (or, without keep-going, any job failed). */
  readonly skipped: readonly string[];
}

/** Runs `work` over the DAG; resolves when nothing is running and nothing more can start. */
export async function schedule(options: ScheduleOptions, work: (job: string) => Promise<JobOutcome>): Promise<ScheduleResult> {
  const inPlan = new Set(options.order);
  const status = new Map<string, 'pending' | 'running' | JobOutcome | 'skipped'>(options.order.map((j) => [j, 'pending']));
  const limit = Math.max(1, options.jobs);
  let running = 0;
  let anyFailed = false;

  return new Promise((resolve) => {
    const pump = (): void => {
      for (const job of options.order) {
        if (running >= limit) break;
        if (status.get(job) !== 'pending') continue;
        const ups = options.upstream(job).filter((u) => inPlan.has(u));
        if (ups.some((u) => status.get(u) === 'failed' || status.get(u) === 'skipped')) {
          status.set(job, 'skipped');
          continue;
        }
        if ((anyFailed && !options.keepGoing) || options.stopped()) continue;
        if (!ups.every((u) => status.get(u) === 'ok')) continue;
        status.set(job, 'running');
        running++;
        void work(job)
          .catch(() => 'failed' as const)
          .then((outcome) => {
            status.set(job, outcome);
            if (outcome === 'failed') anyFailed = true;
            running--;
            pump();
          });
      }
      if (running === 0) finish();
    };
    const finish = (): void => {
      const by = (s: string) => options.order.filter((j) => status.get(j) === s);
      for (const j of by('pending')) status.set(j, 'skipped');
      resolve({ succeeded: by('ok'), failed: by('failed'), skipped: by('skipped') });
    };
    pump();
  });
}
