// `pipe repro` and `pipe status`: typed options in, engine results out, failures turned into UserErrors.
import { UserError } from './user-error.js';
import type { Failure, ReproOptions } from '../engine/index.js';

type ReproFlags = Omit<ReproOptions, 'targets'> & {
  /** `--executor`, when given. */
  readonly executor?: 'local' | 'slurm' | undefined;
  /** `-j` when given on the command line (a cluster executor has its own default). */
  readonly jobsGiven?: boolean;
  readonly retries?: number | undefined;
  /** `--cpus`, when given. */
  readonly cpusGiven?: number | undefined;
};

const out = (text: string): void => void process.stdout.write(text);
const err = (text: string): void => void process.stderr.write(text);

/** Raises the failure as the one-line user error main.ts prints. */
export async function raise(f: Failure): Promise<never> {
  const { formatFailure, exitCodeOf } = await import('../engine/index.js');
  throw new UserError(formatFailure(f), exitCodeOf(f));
}

/** Prints the pipeline's load warnings (keys accepted for DVC compatibility but ignored) to stderr. */
export function printWarnings(project: { readonly pipeline: { readonly warnings?: readonly string[] } }): void {
  for (const w of project.pipeline.warnings ?? []) err(`pipe: warning: ${w}\n`);
}

/** Runs `pipe repro`; SIGINT/SIGTERM stop the running stages and leave lock and cache consistent. */
export async function runRepro(targets: string[], flags: ReproFlags): Promise<void> {
  // the modules this command needs rather than the whole engine API (../engine/index.js): fewer modules to load
  // (the local executor, which chooseExecutor loads for nearly every run, is fetched in the same batch: module
  // loading is mostly waiting for reads, and one batch waits once)
  const [{ openProject }, { repro }, { chooseExecutor }, { consoleLogger }, { resolveCoreBudget }] = await Promise.all([
    import('../engine/project.js'),
    import('../engine/run/repro.js'),
    import('../engine/executors/choose-executor.js'),
    import('../engine/report/console-logger.js'),
    import('../engine/run/core-budget.js'),
    import('../engine/executors/local.js'),
  ]);
  const engine = { repro, consoleLogger };
  const project = await openProject(process.cwd());
  if (!project.ok) return raise(project.error);
  printWarnings(project.value);
  const { executor: executorName, jobsGiven, retries, cpusGiven, ...options } = flags;
  const budget = await resolveCoreBudget(project.value.root, cpusGiven);
  if (!budget.ok) return raise(budget.error);
  const chosen = await chooseExecutor(
    { root: project.value.root, pipeDir: project.value.pipeDir, name: executorName, jobs: jobsGiven === false ? undefined : flags.jobs, retries },
    flags.jobs,
  );
  if (!chosen.ok) return raise(chosen.error);
  const executor = chosen.value.executor;
  const emit = engine.consoleLogger({ out, err });
  const control: { interrupted: string | undefined } = { interrupted: undefined };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (control.interrupted !== undefined) {
      // a second Ctrl-C: stop waiting for the grace period (the lock file is only ever replaced atomically)
      process.exit(130);
    }
    control.interrupted = signal;
    emit({ type: 'interrupting', signal });
    void executor.cancelAll();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const result = await engine.repro(project.value, { targets, ...options, jobs: chosen.value.jobs, cpus: budget.value.cores }, executor, emit, control);
    if (!result.ok) return raise(result.error);
    if (flags.dry && result.value.ran.length === 0) out('Nothing to run: every stage is up to date\n');
    else if (!flags.dry && result.value.ran.length === 0) out('Everything is up to date\n');
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** Runs `pipe status [--json|--quiet]`. */
export async function runStatus(targets: string[], format: 'text' | 'json' | 'quiet'): Promise<void> {
  const [{ openProject }, { status }, { formatReason }] = await Promise.all([
    import('../engine/project.js'),
    import('../engine/run/status.js'),
    import('../engine/report/format-reason.js'),
  ]);
  const engine = { formatReason };
  const project = await openProject(process.cwd());
  if (!project.ok) return raise(project.error);
  printWarnings(project.value);
  const result = status(project.value, targets);
  if (!result.ok) return raise(result.error);
  if (format === 'quiet') {
    if (result.value.length > 0) process.exitCode = 1;
    return;
  }
  if (format === 'json') {
    const obj: Record<string, unknown> = {};
    for (const s of result.value) obj[s.stage] = s.reasons;
    out(JSON.stringify(obj, null, 2) + '\n');
    return;
  }
  if (result.value.length === 0) {
    out('Pipeline is up to date\n');
    return;
  }
  for (const s of result.value) {
    out(`${s.stage}:\n`);
    for (const r of s.reasons) out(`    ${engine.formatReason(r)}\n`);
  }
}
