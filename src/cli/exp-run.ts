// `pipe exp run`: expands the sweep, queues every experiment, then (unless --queue) runs them `jobs` at a time,
// each in its own worktree by a child `pipe repro --cpus <share>` (PIPE_CPUS = share too), and records each as
// soon as it succeeds. The share is the repro core budget (PIPE_CPUS, core.cpus, else every core) split evenly
// between the experiments running at once; the stages inside one experiment fit its share. Interrupting stops
// the children; recorded experiments stay, the rest stay queued. Each child is watched by the engine's stage
// watchdog, so that even a SIGKILL of `pipe exp run` ends its children instead of leaving them running in a
// worktree the next `--run-all` replaces.
import { spawn, type ChildProcess, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { raise } from './engine-repro.js';
import { autoName, dequeue, enqueue, readQueue, type QueuedExp } from './exp-queue.js';
import { UserError } from './user-error.js';

export interface ExpRunFlags {
  readonly sets: readonly string[];
  readonly name: string | undefined;
  readonly queue: boolean;
  readonly runAll: boolean;
  readonly jobs: number;
}

const LOG_LIMIT = 64 * 1024;

/** Runs (or queues) the experiments the flags describe. */
export async function runExpRun(targets: readonly string[], flags: ExpRunFlags): Promise<void> {
  const engine = await import('../engine/index.js');
  const opened = await engine.openProject(process.cwd());
  if (!opened.ok) return raise(opened.error);
  const project = opened.value;
  const root = project.root;
  const base = gitOut(root, ['rev-parse', '--verify', 'HEAD^{commit}'], 'pipe exp needs a git repository with at least one commit');
  if (!flags.runAll) {
    const exp = await import('../engine/exp/index.js');
    const grid = exp.expandSweep(flags.sets);
    if (!grid.ok) throw new UserError(grid.error);
    const checked = exp.checkParamSets(root, grid.value.flat());
    if (!checked.ok) throw new UserError(checked.error);
    const queued = new Date().toISOString();
    grid.value.forEach((sets, i) => {
      const name = flags.name === undefined ? autoName(base, sets) : grid.value.length > 1 ? `${flags.name}-${i + 1}` : flags.name;
      enqueue(root, { name, base, sets, targets, queued: `${queued}#${String(i).padStart(6, '0')}` });
    });
    if (flags.queue) return void process.stdout.write(`Queued ${grid.value.length} experiment(s); run them with 'pipe exp run --run-all -j N'\n`);
    await runQueued(project, readQueue(root).filter((q) => q.queued.startsWith(queued)), flags.jobs);
    return;
  }
  await runQueued(project, readQueue(root), flags.jobs);
}

type Project = import('../engine/index.js').Project;

async function runQueued(project: Project, queue: readonly QueuedExp[], jobs: number): Promise<void> {
  if (queue.length === 0) return void process.stdout.write('No queued experiments\n');
  const { resolveCoreBudget } = await import('../engine/run/core-budget.js');
  const budget = await resolveCoreBudget(project.root, undefined);
  if (!budget.ok) return raise(budget.error);
  const share = Math.max(1, Math.floor(budget.value.cores / Math.min(jobs, queue.length)));
  const children = new Set<ChildProcess>();
  let interrupted = false;
  const onSignal = (): void => {
    interrupted = true;
    for (const c of children) if (c.pid !== undefined) tryKill(-c.pid);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const failed: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (!interrupted && next < queue.length) {
      const q = queue[next++]!;
      const ok = await runOne(project, q, share, children);
      if (!ok && !interrupted) failed.push(q.name);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(jobs, queue.length) }, worker));
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (interrupted) throw new UserError('interrupted; finished experiments are recorded, the rest stay queued (pipe exp run --run-all)', 130);
  if (failed.length > 0) throw new UserError(`experiment(s) failed and stay queued: ${failed.join(', ')}`);
}

/** Runs one experiment in its worktree and records it; false when its repro failed. */
async function runOne(project: Project, q: QueuedExp, cpus: number, children: Set<ChildProcess>): Promise<boolean> {
  const exp = await import('../engine/exp/index.js');
  const plots = await import('../engine/plots/index.js');
  const root = project.root;
  const paramsFiles = [...new Set([...project.pipeline.paramsFiles, ...q.sets.map((s) => s.file)])];
  const dir = exp.createExpWorktree(root, q.name, q.base, [...paramsFiles, 'pipeline.lock']);
  try {
    for (const file of paramsFiles) {
      const applied = exp.applyParamSets(path.join(dir, file), file, q.sets);
      if (!applied.ok) throw new UserError(applied.error);
    }
    process.stdout.write(`▶ Experiment '${q.name}': ${q.sets.map((s) => `${s.file}:${s.key}=${JSON.stringify(s.value)}`).join(' ') || '(no param changes)'}\n`);
    const args = [process.argv[1] ?? 'pipe', 'repro', '-j', String(cpus), '--cpus', String(cpus), ...q.targets];
    const child = spawn(process.execPath, args, { cwd: dir, env: { ...process.env, PIPE_CPUS: String(cpus) }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    children.add(child);
    const { watchGroup } = await import('../engine/executors/stage-groups.js');
    const unwatch = child.pid === undefined ? (): void => undefined : watchGroup(child.pid);
    let log = '';
    const take = (prefix: string, chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      log = (log + text).slice(-LOG_LIMIT);
      process.stdout.write(text.split('\n').filter(Boolean).map((l) => `[${prefix}] ${l}\n`).join(''));
    };
    child.stdout?.on('data', (c: Buffer) => take(q.name, c));
    child.stderr?.on('data', (c: Buffer) => take(q.name, c));
    const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
    unwatch();
    children.delete(child);
    if (code !== 0) {
      process.stderr.write(`✖ Experiment '${q.name}' failed (exit ${code})\n`);
      return false;
    }
    const defs = plots.plotDefs(project);
    const plotFiles = defs.ok ? defs.value.flatMap((d) => d.sources.map((s) => s.file)) : [];
    const record = {
      name: q.name,
      base: q.base,
      created: new Date().toISOString(),
      sets: q.sets,
      params: exp.readFlatFiles(dir, project.pipeline.paramsFiles),
      metrics: exp.readFlatFiles(dir, project.pipeline.metricsFiles),
      deps: await lockDeps(exp, dir),
      log,
    };
    writeFileSync(path.join(dir, exp.RECORD_FILE), JSON.stringify(record, null, 2) + '\n');
    exp.recordExperiment(dir, q.name, [...paramsFiles, 'pipeline.lock', ...project.pipeline.metricsFiles, ...plotFiles]);
    dequeue(root, q.name);
    process.stdout.write(`✔ Experiment '${q.name}' recorded as refs/exps/${q.name}\n`);
    return true;
  } finally {
    exp.removeExpWorktree(root, q.name);
  }
}

/** The dep hashes of the worktree's pipeline.lock, for `exp show`'s Changed deps. */
async function lockDeps(exp: typeof import('../engine/exp/index.js'), dir: string): Promise<Record<string, string>> {
  const file = path.join(dir, 'pipeline.lock');
  const { parseLockText } = await import('../engine/exp/commit-locks.js');
  const lock = existsSync(file) ? parseLockText('pipeline.lock', readFileSync(file, 'utf8')) : undefined;
  return lock === undefined ? {} : Object.fromEntries(exp.lockDepHashes(lock));
}

function tryKill(pid: number): void {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

function gitOut(cwd: string, args: readonly string[], message: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    throw new UserError(message);
  }
}
