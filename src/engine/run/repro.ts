// `repro`: select stages, take the project lock, then walk the graph in parallel; each stage is checked
// when its upstream has finished, and the lock file is rewritten after every successful stage.
import { existsSync } from 'node:fs';
import type { Executor } from '../executors/executor.js';
import type { Failure } from '../failure.js';
import { absPath, pathsOverlap } from '../paths.js';
import { refreshProject, type Project } from '../project.js';
import type { EventSink } from '../report/events.js';
import { fail, ok, type Result } from '../result.js';
import { writeLock } from '../store/lock-file.js';
import type { LockEntry } from '../store/lock-types.js';
import { checkStage, measureDeps } from './check-stage.js';
import { selectStages } from './plan.js';
import { acquireProcessLock, waitForProcessLock } from './process-lock.js';
import { schedule, type JobOutcome } from './scheduler.js';

export interface ReproOptions {
  readonly targets: readonly string[];
  readonly force: boolean;
  readonly downstream: boolean;
  readonly single: boolean;
  readonly wholePipeline: boolean;
  readonly dry: boolean;
  readonly keepGoing: boolean;
  readonly runCache: boolean;
  readonly jobs: number;
  /** Wait for another repro of the project to finish instead of failing with `locked`. */
  readonly wait?: boolean;
}

export interface ReproSummary {
  readonly ran: readonly string[];
  readonly failed: readonly string[];
  readonly skipped: readonly string[];
}

/** Interrupt control: the CLI calls `interrupt` on SIGINT/SIGTERM. */
export interface ReproControl {
  interrupted: string | undefined;
}

/** Brings the selected stages up to date. */
export async function repro(
  opened: Project,
  options: ReproOptions,
  executor: Executor,
  emit: EventSink,
  control: ReproControl,
): Promise<Result<ReproSummary, Failure>> {
  const order = selectStages(opened.graph, options);
  if (!order.ok) return order;
  const missing = findMissingDep(opened, order.value);
  if (missing !== undefined) return fail(missing);
  if (options.dry) return ok(dryRun(opened, order.value, options, emit));
  let release: () => void;
  let project = opened;
  if (options.wait === true) {
    release = await waitForProcessLock(opened.pipeDir, (pid) => emit({ type: 'waiting-for-lock', pid }));
    const fresh = await refreshProject(opened); // the other run has changed lock and state meanwhile
    if (!fresh.ok) {
      release();
      return fresh;
    }
    project = fresh.value;
  } else {
    const lock = acquireProcessLock(opened.pipeDir);
    if (!lock.ok) return lock;
    release = lock.value;
  }
  try {
    return await runAll(project, order.value, options, executor, emit, control);
  } finally {
    project.state.save();
    release();
  }
}

async function runAll(
  project: Project,
  order: readonly string[],
  options: ReproOptions,
  executor: Executor,
  emit: EventSink,
  control: ReproControl,
): Promise<Result<ReproSummary, Failure>> {
  const entries: Record<string, LockEntry> = { ...project.lock.stages };
  for (const name of Object.keys(entries)) if (!project.graph.byName.has(name)) delete entries[name];
  let writes = Promise.resolve();
  let started = 0;
  const ran: string[] = [];
  const work = async (name: string): Promise<JobOutcome> => {
    const stage = project.graph.byName.get(name);
    if (stage === undefined) return 'failed';
    if (stage.frozen) {
      emit({ type: 'stage-frozen', stage: name });
      return 'ok';
    }
    const check = checkStage(stage, entries[name], project);
    const reasons = options.force ? [{ kind: 'forced' as const }] : check.reasons;
    if (reasons.length === 0) {
      emit({ type: 'stage-unchanged', stage: name });
      return 'ok';
    }
    const onStart = () => emit({ type: 'stage-start', stage: name, reasons, index: ++started, total: order.length });
    const useRunCache = options.runCache && !options.force;
    // loaded only when a stage runs: a no-op repro never needs the runner, run-cache or fingerprint modules
    const { runStage } = await import('./stage-runner.js');
    const entry = await runStage({ stage, deps: check.deps, useRunCache, executor, ctx: project, emit, onStart });
    project.memo.invalidate(stage.outs.map((o) => o.path));
    if (entry === undefined || control.interrupted !== undefined) return 'failed';
    entries[name] = entry;
    ran.push(name);
    writes = writes.then(() => writeLock(project.root, project.pipeDir, { stages: entries }));
    try {
      await writes;
    } catch (error) {
      writes = Promise.resolve();
      const message = `could not write pipeline.lock: ${error instanceof Error ? error.message : String(error)}`;
      emit({ type: 'stage-failed', stage: name, outcome: { ok: false, reason: 'cache-error', message } });
      return 'failed';
    }
    return 'ok';
  };
  const result = await schedule(
    { order, upstream: (n) => project.graph.upstream.get(n) ?? [], jobs: executor.stageSlots ?? options.jobs, keepGoing: options.keepGoing, stopped: () => control.interrupted !== undefined },
    work,
  );
  if (result.failed.length > 0 && control.interrupted === undefined) {
    for (const name of result.skipped) emit({ type: 'stage-skipped', stage: name });
  }
  if (Object.keys(entries).length !== Object.keys(project.lock.stages).length && ran.length === 0) {
    await writeLock(project.root, project.pipeDir, { stages: entries });
  }
  if (control.interrupted !== undefined) return fail({ reason: 'interrupted', signal: control.interrupted });
  if (result.failed.length > 0) return fail({ reason: 'stage-failed', stages: result.failed });
  return ok({ ran, failed: result.failed, skipped: result.skipped });
}

/** A dep of a selected stage that does not exist and that no selected stage produces. */
function findMissingDep(project: Project, order: readonly string[]): Failure | undefined {
  const selected = new Set(order);
  for (const name of order) {
    const stage = project.graph.byName.get(name);
    for (const dep of stage?.deps ?? []) {
      if (existsSync(absPath(project.root, dep))) continue;
      const producer = project.graph.stages.find((s) => selected.has(s.name) && s.outs.some((o) => pathsOverlap(o.path, dep)));
      if (producer === undefined) return { reason: 'missing-dep', stage: name, path: dep };
    }
  }
  return undefined;
}

/** Reports what would run: a stage changed itself, or downstream of one that would run. */
function dryRun(project: Project, order: readonly string[], options: ReproOptions, emit: EventSink): ReproSummary {
  const wouldRun = new Set<string>();
  for (const name of order) {
    const stage = project.graph.byName.get(name);
    if (stage === undefined || stage.frozen) continue;
    const upstream = (project.graph.upstream.get(name) ?? []).find((u) => wouldRun.has(u));
    const reasons = options.force
      ? [{ kind: 'forced' as const }]
      : upstream !== undefined
        ? [{ kind: 'upstream-would-run' as const, stage: upstream }]
        : checkStage(stage, project.lock.stages[name], project).reasons;
    if (reasons.length === 0) {
      measureDeps(stage, project);
      continue;
    }
    wouldRun.add(name);
    emit({ type: 'would-run', stage: name, reasons });
  }
  project.state.save();
  return { ran: [...wouldRun], failed: [], skipped: [] };
}
