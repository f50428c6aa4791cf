// Picks the executor of a repro: `--executor` if given, else `core.executor` of .pipe/config.yaml, else local.
// The Slurm executor (and the YAML/zod it needs for the config) loads only when chosen.
import type { Failure } from '../failure.js';
import { fail, ok, type Result } from '../result.js';
import type { Executor } from './executor.js';

export type ExecutorName = 'local' | 'slurm';

export interface ChooseExecutorOptions {
  readonly root: string;
  readonly pipeDir: string;
  /** `--executor`, when given. */
  readonly name: ExecutorName | undefined;
  /** `-j`, when given on the command line (Slurm: else `slurm.jobs`, else 100). */
  readonly jobs: number | undefined;
  /** `--retries`, when given (else `slurm.retries`, else 0). */
  readonly retries: number | undefined;
  readonly onSubmit?: (jobId: string, size: number) => void;
}

const SLURM_DEFAULT_JOBS = 100;

/** The executor to run stages with, and the -j the scheduler should use. */
export async function chooseExecutor(options: ChooseExecutorOptions, localJobs: number): Promise<Result<{ executor: Executor; jobs: number }, Failure>> {
  let name = options.name;
  // collect-pipelines (already loaded by openProject) answers without loading the config module and its YAML parser
  const { hasProjectConfig } = await import('../config/collect-pipelines.js');
  const hasConfig = hasProjectConfig(options.root);
  if (name === 'local' || (name === undefined && !hasConfig)) {
    const { LocalExecutor } = await import('./local.js');
    return ok({ executor: new LocalExecutor({ groupsDir: `${options.pipeDir}/running` }), jobs: options.jobs ?? localJobs });
  }
  const { readProjectConfig } = await import('../config/project-config.js');
  const { configuredExecutor, slurmConfig } = await import('./slurm/slurm-config.js');
  const config = readProjectConfig(options.root);
  if (!config.ok) return config;
  if (name === undefined) {
    const configured = configuredExecutor(config.value);
    if (!configured.ok) return configured;
    name = configured.value ?? 'local';
  }
  if (name === 'local') {
    const { LocalExecutor } = await import('./local.js');
    return ok({ executor: new LocalExecutor({ groupsDir: `${options.pipeDir}/running` }), jobs: options.jobs ?? localJobs });
  }
  const slurm = slurmConfig(config.value);
  if (!slurm.ok) return slurm;
  const jobs = options.jobs ?? slurm.value.jobs ?? SLURM_DEFAULT_JOBS;
  const retries = options.retries ?? slurm.value.retries ?? 0;
  if (!Number.isInteger(retries) || retries < 0) return fail({ reason: 'bad-config', file: '.pipe/config.yaml', message: 'slurm.retries: expected a count' });
  const { SlurmExecutor } = await import('./slurm/slurm-executor.js');
  const executor = new SlurmExecutor({
    root: options.root,
    pipeDir: options.pipeDir,
    config: slurm.value,
    jobs,
    retries,
    ...(options.onSubmit === undefined ? {} : { onSubmit: options.onSubmit }),
  });
  return ok({ executor, jobs });
}
