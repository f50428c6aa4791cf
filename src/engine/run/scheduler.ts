// Runs a DAG of jobs with bounded parallelism: a job starts once all its upstream jobs succeeded. Without
// keep-going the first failure stops new starts; with it only the failed job's dependents are skipped.
// With a core budget, jobs also start only while the cores they reserve fit it: a ready job that does not
// fit waits while later ready jobs that do fit start (backfill); a job reserving more than the whole
// budget is clamped to it, so it runs alone rather than never.

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
  /** Cores the jobs running at once may reserve in total; absent: no core accounting (only `jobs` bounds). */
  readonly coreBudget?: number;
  /** Cores a job reserves while it runs, asked when the job is ready (clamped to 0..coreBudget; 0: a job that
   * runs no command, which always fits). Default: 1. */
  readonly cores?: (job: string) => number;
}

export interface ScheduleResult {
  readonly succeeded: readonly string[];
  readonly failed: readonly string[];
  /** Not started because an upstream job failed (or, without keep-going, any job failed). */
  readonly skipped: readonly string[];
}

/** Runs `work` over the DAG; resolves when nothing is running and nothing more can start. `work` receives the
 * cores reserved for the job. */
export async function schedule(options: ScheduleOptions, work: (job: string, cores: number) => Promise<JobOutcome>): Promise<ScheduleResult> {
  const inPlan = new Set(options.order);
  const status = new Map<string, 'pending' | 'running' | JobOutcome | 'skipped'>(options.order.map((j) => [j, 'pending']));
  const limit = Math.max(1, options.jobs);
  const budget = options.coreBudget === undefined ? Infinity : Math.max(1, options.coreBudget);
  const reserve = (job: string): number => Math.min(budget, Math.max(0, options.cores?.(job) ?? 1));
  let running = 0;
  let reserved = 0;
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
        const cores = reserve(job);
        if (reserved + cores > budget) continue;
        status.set(job, 'running');
        running++;
        reserved += cores;
        void work(job, cores)
          .catch(() => 'failed' as const)
          .then((outcome) => {
            status.set(job, outcome);
            if (outcome === 'failed') anyFailed = true;
            running--;
            reserved -= cores;
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
