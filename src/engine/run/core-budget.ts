// The cores a local repro may keep busy, and each stage's share of them. The budget comes from `--cpus`, else
// `PIPE_CPUS` (set by a parent such as `pipe exp run`, which gives each experiment its share), else `core.cpus`
// in .pipe/config.yaml, else every core Node reports. A stage reserves its `resources: {cpus}` (clamped to the
// budget); a stage that declares none reserves 1 core, or the whole budget when `-j 1` runs stages one at a
// time. The reservation reaches the stage as `PIPE_CPUS`, which the worker pools of src/util size from (the
// engine names the variable instead of importing src/util: layering).
import { availableParallelism } from 'node:os';
import type { Failure } from '../failure.js';
import { fail, ok, type Result } from '../result.js';
import type { Stage } from '../stage.js';

/** The environment variable that tells a process how many cores it may keep busy. */
export const CORE_BUDGET_ENV = 'PIPE_CPUS';

/** Where the budget came from, for messages and docs. */
export type CoreBudgetSource = 'flag' | 'env' | 'config' | 'machine';

export interface CoreBudget {
  readonly cores: number;
  readonly source: CoreBudgetSource;
}

/** The core budget of a local repro of the project at `root`; `flagCores` is `--cpus` when given. */
export async function resolveCoreBudget(root: string, flagCores: number | undefined, env: NodeJS.ProcessEnv = process.env): Promise<Result<CoreBudget, Failure>> {
  if (flagCores !== undefined) return ok({ cores: flagCores, source: 'flag' });
  const fromEnv = envCoreBudget(env);
  if (!fromEnv.ok) return fromEnv;
  if (fromEnv.value !== undefined) return ok({ cores: fromEnv.value, source: 'env' });
  // zod (the section's schema) is loaded only when there is a config to check: a no-op repro stays lean
  const { hasProjectConfig } = await import('../config/collect-pipelines.js');
  if (!hasProjectConfig(root)) return ok({ cores: availableParallelism(), source: 'machine' });
  const { configuredCores } = await import('./core-budget-config.js');
  const cores = configuredCores(root);
  if (!cores.ok) return cores;
  if (cores.value !== undefined) return ok({ cores: cores.value, source: 'config' });
  return ok({ cores: availableParallelism(), source: 'machine' });
}

/** `PIPE_CPUS` as a count of cores (undefined when unset or blank); a bad value is a `bad-config` failure. */
export function envCoreBudget(env: NodeJS.ProcessEnv = process.env): Result<number | undefined, Failure> {
  const raw = env[CORE_BUDGET_ENV];
  if (raw === undefined || raw.trim() === '') return ok(undefined);
  const cores = Number(raw);
  if (!Number.isInteger(cores) || cores < 1) return fail({ reason: 'bad-config', file: `environment ${CORE_BUDGET_ENV}`, message: `expected a positive integer (cores), got '${raw}'` });
  return ok(cores);
}

/** Cores `stage` reserves under `budgetCores` when the scheduler runs up to `jobs` stages at once. */
export function stageCores(stage: Pick<Stage, 'resources'>, budgetCores: number, jobs: number): number {
  const declared = stage.resources?.cpus;
  if (declared === undefined) return jobs <= 1 ? budgetCores : 1;
  return Math.max(1, Math.min(budgetCores, declared));
}
