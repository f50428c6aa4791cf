// Runs stages as Slurm jobs. The engine keeps planning, hashing, the cache and the lock on this host; the
// cluster only runs commands on the shared filesystem. Items of a foreach/matrix group that become ready
// together with equal resources go out as ONE job array; -j bounds the jobs in flight. Completion is read from
// each job's exit file plus one batched squeue per poll (never sacct), the final state of a killed job from
// squeue or slurmstepd's message in its log. Submitted job ids are recorded under .pipe/slurm/ so that a run
// started again reattaches to them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ClusterFailure, ClusterJobState } from '../cluster-failure.js';
import type { ExecOutcome, Executor, OutputSink, StageJob } from '../executor.js';
import { LocalExecutor } from '../local.js';
import type { Resources } from '../../resources.js';
import { batchScript } from './batch-script.js';
import { failureState, isActive, queueStates, stateFromLog } from './job-states.js';
import { jobSpecDigest, readRecords, writeRecords, type JobRecord } from './job-records.js';
import { LogFollower } from './log-follower.js';
import { resourcesKey, sbatchArgs } from './sbatch-args.js';
import { sbatch, scancel, slurmConfigValue } from './slurm-cli.js';
import type { SlurmConfig } from './slurm-config.js';
import { SlotGate } from './slot-gate.js';

export interface SlurmExecutorOptions {
  readonly root: string;
  readonly pipeDir: string;
  readonly config: SlurmConfig;
  /** Jobs in flight at most (array tasks count one each). */
  readonly jobs: number;
  /** Resubmissions of a NODE_FAIL/PREEMPTED job (and of OUT_OF_MEMORY/TIMEOUT with resources.retry_factor). */
  readonly retries: number;
  /** Called with the job ids of each submission (tests and the benchmark count submissions). */
  readonly onSubmit?: (jobId: string, size: number) => void;
}

interface Waiter {
  readonly job: StageJob;
  readonly sink: OutputSink;
  readonly resolve: (o: ExecOutcome) => void;
  readonly attempt: number;
  readonly resources: Resources | undefined;
}

interface Submission {
  readonly jobId: string;
  held: number;
  unfinished: number;
}

interface Task extends Waiter {
  readonly submission: Submission;
  readonly taskId: string;
  readonly dir: string;
  readonly index: number;
  readonly log: LogFollower;
  readonly logRel: string;
  /** When the queue first showed the job as no longer active (exit file still absent). */
  goneSinceMs?: number;
  /** When the exit file said 0 (outputs may still be arriving). */
  succeededAtMs?: number;
  /** The exit file of a command killed by a signal, while the queue's final state is awaited. */
  killedExit?: { code: number; commandIndex: number };
}

const BATCH_WINDOW_MS = 40;
const POLL_MIN_MS = 250;
const FAILED_STATE_GRACE_MS = 2000;
const CANCEL_WAIT_MS = 30_000;
const DEFAULT_MAX_ARRAY = 1001;

/** The Slurm executor (`pipe repro --executor slurm`). */
export class SlurmExecutor implements Executor {
  /** The scheduler hands over every ready stage: this executor bounds jobs itself (arrays need them together). */
  readonly stageSlots = 1_000_000;
  readonly #gate: SlotGate;
  readonly #local: LocalExecutor;
  readonly #localGate: SlotGate;
  readonly #batches = new Map<string, { waiters: Waiter[]; timer: NodeJS.Timeout }>();
  readonly #tasks = new Set<Task>();
  readonly #runDir: string;
  #records: Map<string, JobRecord> | undefined;
  readonly #reattach = new Map<string, JobRecord>();
  #maxArray: number | undefined;
  #seq = 0;
  #cancelled = false;
  #pollTimer: NodeJS.Timeout | undefined;
  #polling = false;
  #kicked = false;
  #delayMs = POLL_MIN_MS;

  constructor(private readonly options: SlurmExecutorOptions) {
    this.#gate = new SlotGate(options.jobs);
    this.#local = new LocalExecutor();
    this.#localGate = new SlotGate(options.jobs);
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
    this.#runDir = path.join(options.pipeDir, 'slurm', 'runs', `${stamp}-${process.pid}`);
  }

  /** True when a recorded job of this stage (same commands) is still queued, running or finished unread. */
  async reattaches(job: StageJob): Promise<boolean> {
    if (job.placement === 'local') return false;
    const records = this.records();
    const rec = records.get(job.stage);
    if (rec === undefined) return false;
    const exitFile = path.join(this.options.root, rec.dir, `${rec.index}.exit`);
    const view = existsSync(exitFile) ? undefined : await queueStates([rec.jobId]);
    const state = view?.ok === true ? view.states.get(rec.taskId) : undefined;
    const alive = view === undefined || (state !== undefined && isActive(state));
    if (alive && rec.spec === jobSpecDigest(job)) {
      this.#reattach.set(job.stage, rec);
      return true;
    }
    if (alive && view !== undefined) await scancel([rec.taskId]); // the stage changed: the old job must not write its outputs
    this.forget(job.stage);
    return false;
  }

  /** Runs `job` on the cluster (or here, for `executor: local` stages). */
  run(job: StageJob, sink: OutputSink): Promise<ExecOutcome> {
    if (this.#cancelled) return Promise.resolve(cancelledOutcome(job));
    if (job.placement === 'local') return this.runLocal(job, sink);
    return new Promise((resolve) => {
      const waiter: Waiter = { job, sink, resolve, attempt: 0, resources: job.resources };
      const rec = this.#reattach.get(job.stage);
      if (rec !== undefined) {
        this.#reattach.delete(job.stage);
        sink('stdout', `pipe: reattached to Slurm job ${rec.taskId} of an earlier run`);
        const submission: Submission = { jobId: rec.jobId, held: 0, unfinished: 1 };
        this.track(waiter, submission, rec.taskId, path.join(this.options.root, rec.dir), rec.index);
        return;
      }
      this.enqueue(waiter);
    });
  }

  /** Cancels every job of this run (one scancel) and waits, bounded, until the queue shows them ended. */
  async cancelAll(): Promise<void> {
    this.#cancelled = true;
    for (const [key, batch] of this.#batches) {
      clearTimeout(batch.timer);
      this.#batches.delete(key);
      for (const w of batch.waiters) w.resolve(cancelledOutcome(w.job));
    }
    this.#gate.wakeAll();
    const local = this.#local.cancelAll();
    await scancel([...new Set([...this.#tasks].map((t) => t.submission.jobId))]);
    this.schedulePoll(0);
    const deadline = Date.now() + CANCEL_WAIT_MS;
    while (this.#tasks.size > 0 && Date.now() < deadline) await sleep(100);
    for (const t of [...this.#tasks]) this.finish(t, { ok: false, reason: 'cluster-job', state: 'CANCELLED', jobId: t.taskId, log: t.logRel });
    await local;
  }

  private async runLocal(job: StageJob, sink: OutputSink): Promise<ExecOutcome> {
    await this.#localGate.take(1);
    try {
      return await this.#local.run(job, sink);
    } finally {
      this.#localGate.give(1);
    }
  }

  /** Groups items of one foreach/matrix group with equal resources that arrive within a short window. */
  private enqueue(waiter: Waiter): void {
    if (waiter.job.group === undefined) {
      void this.submit([waiter]);
      return;
    }
    const key = `${waiter.job.group}\0${resourcesKey(waiter.resources)}`;
    const batch = this.#batches.get(key);
    if (batch !== undefined) clearTimeout(batch.timer);
    const waiters = [...(batch?.waiters ?? []), waiter];
    const timer = setTimeout(() => {
      this.#batches.delete(key);
      void this.submit(waiters);
    }, BATCH_WINDOW_MS);
    this.#batches.set(key, { waiters, timer });
  }

  /** Submits `waiters` as one job (one item) or job arrays split at the cluster's MaxArraySize. */
  private async submit(waiters: readonly Waiter[]): Promise<void> {
    const max = waiters.length > 1 ? await this.maxArraySize() : 1;
    for (let start = 0; start < waiters.length; start += max) {
      const chunk = waiters.slice(start, start + max);
      const slots = await this.#gate.take(chunk.length);
      if (this.#cancelled) {
        this.#gate.give(slots);
        for (const w of chunk) w.resolve(cancelledOutcome(w.job));
        continue;
      }
      await this.submitChunk(chunk, slots);
    }
  }

  private async submitChunk(chunk: readonly Waiter[], slots: number): Promise<void> {
    const first = chunk[0];
    if (first === undefined) return;
    const isArray = chunk.length > 1;
    const name = isArray ? (first.job.group ?? first.job.stage) : first.job.stage;
    const dir = path.join(this.#runDir, `${++this.#seq}-${name.replace(/[^\w.-]/g, '_')}`);
    mkdirSync(dir, { recursive: true });
    const shape = {
      jobName: name,
      chdir: first.job.cwd,
      output: path.join(dir, isArray ? '%a.log' : '0.log'),
      ...(isArray ? { arraySize: chunk.length, throttle: slots } : {}),
    };
    const args = sbatchArgs(shape, first.resources, this.options.config);
    const script = path.join(dir, 'job.sh');
    writeFileSync(script, batchScript(chunk.map((w) => w.job), { dir, sbatchArgs: args, root: this.options.root }), { mode: 0o755 });
    const submitted = await sbatch(args, script);
    if (!submitted.ok) {
      this.#gate.give(slots);
      const command = `sbatch ${path.relative(this.options.root, script)}`;
      for (const w of chunk) w.resolve({ ok: false, reason: 'submit-error', message: submitted.message, command });
      return;
    }
    this.options.onSubmit?.(submitted.jobId, chunk.length);
    const submission: Submission = { jobId: submitted.jobId, held: slots, unfinished: chunk.length };
    const records = this.records();
    for (const [i, w] of chunk.entries()) {
      const taskId = isArray ? `${submitted.jobId}_${i}` : submitted.jobId;
      const rec = { jobId: submitted.jobId, taskId, dir: path.relative(this.options.root, dir), index: i, spec: jobSpecDigest(w.job), submittedAtMs: Date.now() };
      records.set(w.job.stage, rec);
      this.track(w, submission, taskId, dir, i);
    }
    writeRecords(this.options.pipeDir, records);
    if (this.#cancelled) await scancel([submitted.jobId]);
  }

  private track(w: Waiter, submission: Submission, taskId: string, dir: string, index: number): void {
    const logFile = path.join(dir, `${index}.log`);
    const log = new LogFollower(logFile, (line) => w.sink('stdout', line));
    this.#tasks.add({ ...w, submission, taskId, dir, index, log, logRel: path.relative(this.options.root, logFile) });
    this.schedulePoll(POLL_MIN_MS);
  }

  private schedulePoll(delayMs: number): void {
    if (delayMs < this.#delayMs || this.#pollTimer === undefined) this.#delayMs = Math.max(delayMs, 0);
    if (this.#polling) {
      this.#kicked = true; // the poll in progress schedules the next one soon
      return;
    }
    if (this.#pollTimer !== undefined) clearTimeout(this.#pollTimer);
    this.#pollTimer = setTimeout(() => void this.poll(), this.#delayMs);
  }

  /** One poll: logs, exit files, one squeue for the jobs without an exit file; then the next, backed off. */
  private async poll(): Promise<void> {
    this.#pollTimer = undefined;
    this.#polling = true;
    let changed = false;
    try {
      const now = Date.now();
      const waiting: Task[] = [];
      for (const t of this.#tasks) {
        t.log.poll();
        const exit = readExit(path.join(t.dir, `${t.index}.exit`));
        if (exit === undefined || this.needsFinalState(t, exit)) waiting.push(t);
        else changed = this.onExit(t, exit, now) || changed;
      }
      if (waiting.length > 0) {
        const view = await queueStates([...new Set(waiting.map((t) => t.submission.jobId))]);
        if (view.ok) for (const t of waiting) changed = this.onQueueState(t, view.states.get(t.taskId), now) || changed;
      }
    } finally {
      this.#polling = false;
    }
    if (this.#tasks.size === 0) return;
    this.#delayMs = changed || this.#kicked ? POLL_MIN_MS : Math.min(this.#delayMs * 1.5, this.options.config.pollMaxMs);
    this.#kicked = false;
    this.#pollTimer = setTimeout(() => void this.poll(), this.#delayMs);
  }

  /**
   * A command killed by a signal (exit code above 128) with no kill message in the log yet: Slurm may have
   * killed it (time limit, preemption, memory), so its final state is read from the queue before reporting.
   */
  private needsFinalState(t: Task, exit: { code: number; commandIndex: number }): boolean {
    if (exit.code <= 128) return false;
    t.log.poll();
    if (stateFromLog(t.log.tail) !== undefined) return false;
    t.killedExit = exit;
    return true;
  }

  /** Exit file read: success once the outputs are visible (bounded wait), else FAILED or the kill reason in the log. */
  private onExit(t: Task, exit: { code: number; commandIndex: number }, now: number): boolean {
    if (exit.code === 0) {
      t.succeededAtMs ??= now;
      const visible = (t.job.outputs ?? []).every((o) => existsSync(o));
      if (!visible && now - t.succeededAtMs < this.options.config.fsWaitMs) return false;
      this.finish(t, { ok: true });
      return true;
    }
    t.log.flush();
    const state: ClusterJobState = stateFromLog(t.log.tail) ?? 'FAILED';
    const command = t.job.commands[exit.commandIndex];
    this.finish(t, { ok: false, reason: 'cluster-job', state, jobId: t.taskId, log: t.logRel, code: exit.code, ...(command === undefined ? {} : { command }) });
    return true;
  }

  /** No exit file: an active job waits; an ended one gets a grace period for its exit file, then its state. */
  private onQueueState(t: Task, state: string | undefined, now: number): boolean {
    if (state !== undefined && isActive(state)) {
      delete t.goneSinceMs;
      return false;
    }
    t.goneSinceMs ??= now;
    const failed = state === undefined ? undefined : failureState(state);
    if (t.killedExit !== undefined) {
      t.log.flush();
      const final = stateFromLog(t.log.tail) ?? failed;
      if (final === undefined || final === 'FAILED') return this.onExit(t, t.killedExit, now);
      this.finish(t, { ok: false, reason: 'cluster-job', state: final, jobId: t.taskId, log: t.logRel, code: t.killedExit.code });
      return true;
    }
    const grace = failed !== undefined || this.#cancelled ? Math.min(FAILED_STATE_GRACE_MS, this.options.config.fsWaitMs) : this.options.config.fsWaitMs;
    if (now - t.goneSinceMs < grace) return false;
    t.log.flush();
    const final = stateFromLog(t.log.tail) ?? failed ?? 'LOST';
    this.finish(t, { ok: false, reason: 'cluster-job', state: final, jobId: t.taskId, log: t.logRel });
    return true;
  }

  /** Records the end of a task: forget its record, give back its slot, resubmit it or resolve its stage. */
  private finish(t: Task, outcome: ExecOutcome): void {
    if (!this.#tasks.delete(t)) return;
    t.log.flush();
    this.forget(t.job.stage);
    const s = t.submission;
    s.unfinished--;
    const keep = Math.min(s.held, s.unfinished);
    this.#gate.give(s.held - keep);
    s.held = keep;
    const retry = outcome.ok || this.#cancelled ? undefined : this.retryOf(t, outcome);
    if (retry === undefined) {
      t.resolve(outcome);
      return;
    }
    const f = outcome as ClusterFailure & { state: ClusterJobState };
    t.sink('stderr', `pipe: Slurm job ${t.taskId} ended ${f.state}; resubmitting (retry ${retry.attempt} of ${this.options.retries})`);
    void this.submit([retry]);
  }

  private retryOf(t: Task, outcome: Exclude<ExecOutcome, { ok: true }>): Waiter | undefined {
    if (outcome.reason !== 'cluster-job' || t.attempt >= this.options.retries) return undefined;
    const next = { job: t.job, sink: t.sink, resolve: t.resolve, attempt: t.attempt + 1 };
    if (outcome.state === 'NODE_FAIL' || outcome.state === 'PREEMPTED' || outcome.state === 'BOOT_FAIL') return { ...next, resources: t.resources };
    const factor = t.resources?.retryFactor;
    if (factor === undefined || t.resources === undefined) return undefined;
    if (outcome.state === 'OUT_OF_MEMORY' && t.resources.memMiB !== undefined) return { ...next, resources: { ...t.resources, memMiB: Math.ceil(t.resources.memMiB * factor) } };
    if (outcome.state === 'TIMEOUT' && t.resources.timeMinutes !== undefined) return { ...next, resources: { ...t.resources, timeMinutes: Math.ceil(t.resources.timeMinutes * factor) } };
    return undefined;
  }

  private records(): Map<string, JobRecord> {
    this.#records ??= readRecords(this.options.pipeDir);
    return this.#records;
  }

  private forget(stage: string): void {
    const records = this.records();
    if (records.delete(stage)) writeRecords(this.options.pipeDir, records);
  }

  private async maxArraySize(): Promise<number> {
    if (this.#maxArray === undefined) {
      const v = Number.parseInt((await slurmConfigValue('MaxArraySize')) ?? '', 10);
      this.#maxArray = Number.isFinite(v) && v > 0 ? v : DEFAULT_MAX_ARRAY;
    }
    return this.#maxArray;
  }
}

/** `<code> <command index>` of an exit file, or undefined while it is absent. */
function readExit(file: string): { code: number; commandIndex: number } | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const [code, index] = text.trim().split(/\s+/).map((x) => Number.parseInt(x, 10));
  return code === undefined || Number.isNaN(code) ? undefined : { code, commandIndex: index ?? -1 };
}

function cancelledOutcome(job: StageJob): ExecOutcome {
  return { ok: false, reason: 'killed', signal: 'SIGTERM', command: job.commands[0] ?? '' };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
