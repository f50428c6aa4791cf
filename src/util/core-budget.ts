// How many CPU cores this process may keep busy: `PIPE_CPUS` when set (a scheduler that runs several stages at once
// hands each its share), else every core Node reports. Worker pools and thread counts are sized from it.
import { availableParallelism } from 'node:os';

/** The environment variable that caps the cores a process may use. */
export const CORE_BUDGET_ENV = 'PIPE_CPUS';

/** Cores this process may use: `PIPE_CPUS` (a positive integer) when set, else `availableParallelism()`. Throws
 * RangeError naming the variable when it is set to anything else. */
export function coreBudget(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[CORE_BUDGET_ENV];
  if (raw === undefined || raw.trim() === '') return availableParallelism();
  const cores = Number(raw);
  if (!Number.isInteger(cores) || cores < 1) throw new RangeError(`${CORE_BUDGET_ENV}=${raw}: expected a positive integer (cores)`);
  return cores;
}
