// Whether the local Slurm cluster of test/slurm/start-cluster.sh is up, and small squeue helpers for the
// Slurm scenario tests. Tests skip (with a visible warning) when it is not.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Why Slurm is unavailable, or undefined when a node answers idle/mixed/allocated. */
export function slurmUnavailable(): string | undefined {
  try {
    const states = execFileSync('sinfo', ['-h', '-o', '%T'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 15_000 });
    if (!/^(idle|mixed|allocated)/m.test(states)) return `no Slurm node is up (sinfo: ${states.trim() || 'nothing'})`;
    return undefined;
  } catch (error) {
    return `Slurm is not running here (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); run test/slurm/start-cluster.sh`;
  }
}

/** Warns once, visibly, that a Slurm suite is skipped. */
export function warnSkipped(suite: string, why: string | undefined): void {
  if (why !== undefined) console.warn(`SKIPPED ${suite}: ${why}`);
}

/** Job ids and states of every job whose name is in `names` that slurmctld still reports as queued or running. */
export function activeJobs(names: readonly string[]): string[] {
  const out = execFileSync('squeue', ['-h', '-r', '-o', '%i|%j|%T'], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l.trim() !== '')
    .filter((l) => names.includes(l.split('|')[1] ?? ''));
}

/** Whether memory limits are enforced here (polling OverMemoryKill or cgroup task containment). */
export function memoryEnforced(): boolean {
  const config = execFileSync('scontrol', ['show', 'config'], { encoding: 'utf8' });
  return /JobAcctGatherParams\s*=.*OverMemoryKill/.test(config) || /TaskPlugin\s*=.*cgroup/.test(config);
}

/** The generated batch scripts of a project (one per submission), by submission directory name. */
export function submissions(root: string): Map<string, string> {
  const runs = path.join(root, '.pipe/slurm/runs');
  const out = new Map<string, string>();
  let runDirs: string[];
  try {
    runDirs = readdirSync(runs);
  } catch {
    return out;
  }
  for (const run of runDirs) {
    for (const sub of readdirSync(path.join(runs, run))) out.set(`${run}/${sub}`, readFileSync(path.join(runs, run, sub, 'job.sh'), 'utf8'));
  }
  return out;
}
