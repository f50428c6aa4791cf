// The `slurm` section of .pipe/config.yaml (and `core.executor`), checked with this file's own schema.
import { z } from 'zod';
import type { Failure } from '../../failure.js';
import { configSection, type ProjectConfig } from '../../config/project-config.js';
import { splitArgs } from '../../resources.js';
import { ok, type Result } from '../../result.js';

const slurmSchema = z.strictObject({
  partition: z.string().min(1).optional(),
  account: z.string().min(1).optional(),
  qos: z.string().min(1).optional(),
  /** Extra sbatch arguments for every job. */
  extra: z.union([z.string(), z.array(z.string())]).optional(),
  /** Jobs in flight when -j is not given. */
  jobs: z.number().int().min(1).optional(),
  /** Retries of NODE_FAIL/PREEMPTED jobs when --retries is not given. */
  retries: z.number().int().min(0).optional(),
  /** Longest pause between two polls of the queue (the pause grows from 0.25 s while nothing changes). */
  poll_max_s: z.number().positive().optional(),
  /** How long to wait for exit files and outputs to appear on the shared filesystem. */
  fs_wait_s: z.number().min(0).optional(),
});

const coreSchema = z.looseObject({ executor: z.enum(['local', 'slurm']).optional() });

export interface SlurmConfig {
  readonly partition?: string;
  readonly account?: string;
  readonly qos?: string;
  readonly extra: readonly string[];
  readonly jobs?: number;
  readonly retries?: number;
  readonly pollMaxMs: number;
  readonly fsWaitMs: number;
}

/** The Slurm defaults of the project (absent section: none). */
export function slurmConfig(config: ProjectConfig): Result<SlurmConfig, Failure> {
  const r = configSection(config, 'slurm', slurmSchema);
  if (!r.ok) return r;
  const s = r.value;
  return ok({
    ...(s.partition === undefined ? {} : { partition: s.partition }),
    ...(s.account === undefined ? {} : { account: s.account }),
    ...(s.qos === undefined ? {} : { qos: s.qos }),
    extra: s.extra === undefined ? [] : typeof s.extra === 'string' ? splitArgs(s.extra) : s.extra,
    ...(s.jobs === undefined ? {} : { jobs: s.jobs }),
    ...(s.retries === undefined ? {} : { retries: s.retries }),
    pollMaxMs: (s.poll_max_s ?? 10) * 1000,
    fsWaitMs: (s.fs_wait_s ?? 30) * 1000,
  });
}

/** `core.executor` of the project config (undefined when unset). */
export function configuredExecutor(config: ProjectConfig): Result<'local' | 'slurm' | undefined, Failure> {
  const r = configSection(config, 'core', coreSchema);
  return r.ok ? ok(r.value.executor) : r;
}
