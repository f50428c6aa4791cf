// The Slurm client commands the executor uses (sbatch, squeue, scancel, scontrol), run without a shell; each
// returns its output or a one-line error. Nothing here reads sacct: slurmdbd need not be up.
import { execFile } from 'node:child_process';

export type CliResult = { readonly ok: true; readonly stdout: string } | { readonly ok: false; readonly message: string };

const TIMEOUT_MS = 60_000;

/** Runs one Slurm command; a missing binary or a non-zero exit becomes `{ok: false, message}` (first stderr line). */
export function slurmCommand(command: string, args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error === null) return resolve({ ok: true, stdout });
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return resolve({ ok: false, message: `${command} not found (is Slurm installed on this host?)` });
      const firstLine = stderr.split('\n').find((l) => l.trim() !== '') ?? error.message.split('\n')[0] ?? 'failed';
      const text = firstLine.trim();
      resolve({ ok: false, message: text.startsWith(`${command}:`) ? text : `${command}: ${text}` });
    });
  });
}

/** Submits a batch script with `sbatch --parsable`; the job id (without the cluster name). */
export async function sbatch(args: readonly string[], script: string): Promise<{ ok: true; jobId: string } | { ok: false; message: string }> {
  const r = await slurmCommand('sbatch', ['--parsable', ...args, script]);
  if (!r.ok) return r;
  const jobId = r.stdout.trim().split(';')[0] ?? '';
  return /^\d+$/.test(jobId) ? { ok: true, jobId } : { ok: false, message: `sbatch printed no job id: ${r.stdout.trim().slice(0, 200)}` };
}

/** Cancels jobs (array ids cancel every task); ids already gone are not an error. */
export async function scancel(jobIds: readonly string[]): Promise<void> {
  if (jobIds.length === 0) return;
  await slurmCommand('scancel', [...jobIds]);
}

/** One value of `scontrol show config` (e.g. `MaxArraySize`), or undefined. */
export async function slurmConfigValue(key: string): Promise<string | undefined> {
  const r = await slurmCommand('scontrol', ['show', 'config']);
  if (!r.ok) return undefined;
  const line = r.stdout.split('\n').find((l) => l.trimStart().startsWith(`${key} `) || l.trimStart().startsWith(`${key}=`));
  return line?.split('=').slice(1).join('=').trim();
}
