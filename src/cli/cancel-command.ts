// `pipe cancel`: cancels the Slurm jobs of the project's last `pipe repro --executor slurm` (recorded under
// .pipe/slurm/), e.g. after the submitting SSH session was closed.
import type { Command } from 'commander';
import { raise } from './engine-repro.js';

/** Adds `pipe cancel` to `program`. */
export function registerCancelCommand(program: Command): void {
  program
    .command('cancel')
    .description('Cancel the Slurm jobs of an interrupted or running `pipe repro --executor slurm`')
    .action(async () => {
      const [{ openProject }, { cancelRecordedJobs }] = await Promise.all([
        import('../engine/project.js'),
        import('../engine/executors/slurm/cancel-jobs.js'),
      ]);
      const project = await openProject(process.cwd());
      if (!project.ok) return raise(project.error);
      const result = await cancelRecordedJobs(project.value.pipeDir);
      if (result.signalledPid !== undefined) process.stdout.write(`Sent SIGTERM to pipe repro (pid ${result.signalledPid})\n`);
      process.stdout.write(
        result.cancelled.length === 0 ? 'No Slurm job of this project is queued or running\n' : `Cancelled ${result.cancelled.length} Slurm job(s): ${result.cancelled.join(' ')}\n`,
      );
    });
}
