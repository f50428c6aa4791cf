// The sbatch options of a submission: the project's Slurm defaults, overridden by the stage's `resources:`.
import { formatMinutes, type Resources } from '../../resources.js';
import type { SlurmConfig } from './slurm-config.js';

export interface SubmissionShape {
  readonly jobName: string;
  /** Absolute working directory (the first item's wdir; each item also cd's to its own). */
  readonly chdir: string;
  /** Log path pattern (`%a` = array index). */
  readonly output: string;
  /** Number of array tasks, or undefined for a plain job. */
  readonly arraySize?: number;
  /** At most this many tasks of the array at once (`%K`). */
  readonly throttle?: number;
}

/** `--opt=value` arguments for sbatch (put as `#SBATCH` lines). */
export function sbatchArgs(shape: SubmissionShape, resources: Resources | undefined, config: SlurmConfig): string[] {
  const args = [`--job-name=${oneLine(shape.jobName)}`, `--chdir=${shape.chdir}`, `--output=${shape.output}`, '--open-mode=append', '--no-requeue'];
  if (shape.arraySize !== undefined) args.push(`--array=0-${shape.arraySize - 1}${shape.throttle === undefined ? '' : `%${shape.throttle}`}`);
  const partition = resources?.partition ?? config.partition;
  if (partition !== undefined) args.push(`--partition=${partition}`);
  if (config.account !== undefined) args.push(`--account=${config.account}`);
  if (config.qos !== undefined) args.push(`--qos=${config.qos}`);
  if (resources?.cpus !== undefined) args.push(`--cpus-per-task=${resources.cpus}`);
  if (resources?.memMiB !== undefined) args.push(`--mem=${resources.memMiB}M`);
  if (resources?.timeMinutes !== undefined) args.push(`--time=${formatMinutes(resources.timeMinutes)}`);
  if (resources?.gpus !== undefined) args.push(`--gres=gpu:${resources.gpus}`);
  args.push(...config.extra, ...(resources?.extra ?? []));
  return args;
}

/** A key equal for two stages exactly when they ask for the same resources (they may share an array). */
export function resourcesKey(resources: Resources | undefined): string {
  if (resources === undefined) return '{}';
  const { retryFactor: _ignored, ...rest } = resources;
  return JSON.stringify(Object.fromEntries(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b))));
}

function oneLine(s: string): string {
  return s.replace(/[\s'"\\]/g, '_');
}
