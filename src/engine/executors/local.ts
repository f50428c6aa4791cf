// Runs stage commands on this machine: `/bin/sh -c` in its own process group, so that cancelling kills the
// stage's whole process tree (SIGTERM, then SIGKILL after a grace period). A watchdog kills the group when
// the engine dies, and each group is recorded so that the next run can end what is left (stage-groups.ts).
import type { ChildProcess } from 'node:child_process';
import { childProcess } from './child-process.js';
import type { ExecOutcome, Executor, OutputSink, StageJob } from './executor.js';
import { endLeftoverGroups, forgetGroup, recordGroup, watchGroup } from './stage-groups.js';

const GRACE_MS = 3000;

/** Runs stages as local process groups; `cancelAll` stops every one of them. */
export class LocalExecutor implements Executor {
  readonly #running = new Set<ChildProcess>();
  #cancelled = false;

  /** `groupsDir` (the project's .pipe/running) records running groups for `endLeftovers`. */
  constructor(private readonly options: { readonly groupsDir?: string } = {}) {}

  /** Ends the stage groups a previous, killed engine left running; returns their stage names. */
  async endLeftovers(): Promise<string[]> {
    if (this.options.groupsDir === undefined) return [];
    return (await endLeftoverGroups(this.options.groupsDir, GRACE_MS)).map((g) => g.stage);
  }

  /** Runs each command line of `job` in turn; stops at the first failure. */
  async run(job: StageJob, sink: OutputSink): Promise<ExecOutcome> {
    for (const command of job.commands) {
      if (this.#cancelled) return { ok: false, reason: 'killed', signal: 'SIGTERM', command };
      const outcome = await this.runOne(job, command, sink);
      if (!outcome.ok) return outcome;
    }
    return { ok: true };
  }

  private runOne(job: StageJob, command: string, sink: OutputSink): Promise<ExecOutcome> {
    return new Promise((resolve) => {
      const child = childProcess().spawn('/bin/sh', ['-c', command], { cwd: job.cwd, env: job.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      this.#running.add(child);
      const pgid = child.pid;
      const groupsDir = this.options.groupsDir;
      const unwatch = pgid === undefined ? () => undefined : watchGroup(pgid);
      if (pgid !== undefined && groupsDir !== undefined) recordGroup(groupsDir, pgid, job.stage);
      const settled = (): void => {
        unwatch();
        if (pgid !== undefined && groupsDir !== undefined) forgetGroup(groupsDir, pgid);
      };
      const flushOut = pipeLines(child.stdout, (l) => sink('stdout', l));
      const flushErr = pipeLines(child.stderr, (l) => sink('stderr', l));
      child.once('error', (error) => {
        this.#running.delete(child);
        settled();
        resolve({ ok: false, reason: 'spawn-error', message: error.message, command });
      });
      child.once('close', (code, signal) => {
        this.#running.delete(child);
        settled();
        flushOut();
        flushErr();
        if (signal !== null) resolve({ ok: false, reason: 'killed', signal, command });
        else if (code !== 0) resolve({ ok: false, reason: 'exit-non-zero', code: code ?? 1, command });
        else resolve({ ok: true });
      });
    });
  }

  /** Kills every running process group and waits for the shells to exit. */
  async cancelAll(): Promise<void> {
    this.#cancelled = true;
    const children = [...this.#running];
    const exited = children.map((c) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('close', () => r()))));
    for (const c of children) killGroup(c, 'SIGTERM');
    const timer = setTimeout(() => children.forEach((c) => killGroup(c, 'SIGKILL')), GRACE_MS);
    await Promise.all(exited);
    clearTimeout(timer);
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is already gone
  }
}

/** Splits a stream into lines; returns a flush for a last line without newline. */
function pipeLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): () => void {
  let pending = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    const parts = (pending + chunk).split('\n');
    pending = parts.pop() ?? '';
    for (const p of parts) onLine(p);
  });
  return () => {
    if (pending !== '') onLine(pending);
    pending = '';
  };
}
