// `repro`: select stages, take the project lock, then walk the graph in parallel; each stage is checked
// when its upstream has finished, and the lock file is rewritten after every successful stage.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Executor } from '../executors/executor.js';
import type { Failure } from '../failure.js';
import { absPath, pathsOverlap } from '../paths.js';
import { refreshProject, type Project } from '../project.js';
import type { EventSink, StageFault } from '../report/events.js';
import { fail, ok, type Result } from '../result.js';
import { NoSpaceError } from '../store/atomic-write.js';
import type { LockEntry } from '../store/lock-types.js';
import { checkStage, measureDeps, type StageCheck } from './check-stage.js';
import { envCoreBudget, stageCores } from './core-budget.js';
import { selectStages } from './plan.js';
import { activeGraph } from '../graph.js';
import { scopeOf } from './scope.js';
import { pipelineFileOf, writePipelineLock } from '../store/project-lock.js';
import { acquireProcessLock, waitForProcessLock } from './process-lock.js';
import { schedule, type JobOutcome } from './scheduler.js';

export interface ReproOptions {
  readonly targets: readonly string[];
  readonly force: boolean;
  readonly downstream: boolean;
  readonly single: boolean;
  readonly wholePipeline: boolean;
  /** Every stage of every pipeline file (`-P`, DVC's --all-pipelines); targets are ignored. */
  readonly allPipelines?: boolean;
  /** Targets are `[path:]pattern` globs over stage names (`--glob`). */
  readonly glob?: boolean;
  /** A stage that runs forces every stage downstream of it to run too (`--force-downstream`). */
  readonly forceDownstream?: boolean;
  readonly dry: boolean;
  readonly keepGoing: boolean;
  readonly runCache: boolean;
  readonly jobs: number;
  /** Cores the stages running at once may reserve in total (local executor; see core-budget.ts). Default:
   * `PIPE_CPUS`, else every core. */
  readonly cpus?: number;
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
  const order = plan(opened, options);
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
    // a previous engine killed outright may have left stages running: they must not write into this run
    const leftovers = (await executor.endLeftovers?.()) ?? [];
    if (leftovers.length > 0) emit({ type: 'leftover-ended', stages: leftovers });
    return await runAll(project, order.value, options, executor, emit, control);
  } finally {
    try {
      project.state.save();
    } catch (error) {
      // the state cache only saves re-hashing; a full disk must not turn a finished run into a crash
      if (!(error instanceof NoSpaceError)) throw error;
    } finally {
      release();
    }
  }
}

/**
 * DVC's selection: without targets, the pipeline file of the current directory (the nearest at or above it);
 * `-P` every stage; `-p`/`-P` turn off `-s` and `--downstream`.
 */
function plan(project: Project, options: ReproOptions): Result<string[], Failure> {
  const all = options.allPipelines === true;
  const whole = all || options.wholePipeline;
  let targets = options.targets;
  if (all) targets = [];
  else if (targets.length === 0) {
    if (project.defaultFile === undefined) return fail({ reason: 'no-pipeline', cwd: project.cwd });
    targets = [path.posix.relative(project.cwd, project.defaultFile)]; // targets are relative to the current directory
  }
  return selectStages(project.graph, {
    targets,
    scope: scopeOf(project),
    glob: options.glob === true && !all,
    downstream: whole ? false : options.downstream,
    single: whole ? false : options.single,
    wholePipeline: options.wholePipeline,
  });
}

async function runAll(
  project: Project,
  order: readonly string[],
  options: ReproOptions,
  executor: Executor,
  emit: EventSink,
  control: ReproControl,
): Promise<Result<ReproSummary, Failure>> {
  const files = project.pipelines.map((p) => p.file);
  const entries: Record<string, LockEntry> = { ...project.lock.stages };
  const pruned = new Set<string>();
  for (const name of Object.keys(entries)) {
    if (project.graph.byName.has(name)) continue;
    delete entries[name];
    pruned.add(pipelineFileOf(name, files));
  }
  const graph = activeGraph(project.graph);
  const forced = new Set<string>();
  let setup: Promise<Result<OutputSetup, Failure>> | undefined;
  const outputSetup = (): Promise<Result<OutputSetup, Failure>> => (setup ??= prepareOutputs(project));
  let writes = Promise.resolve();
  let started = 0;
  const ran: string[] = [];
  // a cluster executor (stageSlots) places jobs by their resources itself; locally the stages share this machine's cores
  const local = executor.stageSlots === undefined;
  const jobs = executor.stageSlots ?? options.jobs;
  const budgetCores = options.cpus ?? defaultCoreBudget();
  const work = async (name: string, cores: number): Promise<JobOutcome> => {
    try {
      return await runOne(name, local ? cores : undefined);
    } catch (error) {
      // a broken invariant in this stage's bookkeeping: fail the stage, naming it and keeping the cause
      const outcome: StageFault =
        error instanceof NoSpaceError ? { ok: false, reason: 'no-space', path: error.path } : { ok: false, reason: 'unknown-error-thrown', error };
      emit({ type: 'stage-failed', stage: name, outcome });
      return 'failed';
    }
  };
  const runOne = async (name: string, cores: number | undefined): Promise<JobOutcome> => {
    const stage = project.graph.byName.get(name);
    if (stage === undefined) return 'failed';
    if (stage.frozen) {
      emit({ type: 'stage-frozen', stage: name });
      return 'ok';
    }
    const check = sized.get(name) ?? checkStage(stage, entries[name], project);
    sized.delete(name);
    const reasons = options.force || forced.has(name) ? [{ kind: 'forced' as const }] : check.reasons;
    if (reasons.length > 0 && options.forceDownstream === true) for (const d of graph.downstream.get(name) ?? []) forced.add(d);
    if (reasons.length === 0) {
      emit({ type: 'stage-unchanged', stage: name });
      return 'ok';
    }
    const onStart = () => emit({ type: 'stage-start', stage: name, reasons, index: ++started, total: order.length });
    const useRunCache = options.runCache && !options.force && !forced.has(name);
    // loaded only when a stage runs: a no-op repro never needs the runner, run-cache or fingerprint modules
    const { runStage } = await import('./stage-runner.js');
    const outputs = await outputSetup();
    if (!outputs.ok) {
      emit({ type: 'stage-failed', stage: name, outcome: { ok: false, reason: 'cache-error', message: formatConfigError(outputs.error) } });
      return 'failed';
    }
    const entry = await runStage({ stage, deps: check.deps, useRunCache, executor, ctx: project, emit, onStart, cores });
    project.memo.invalidate(stage.outs.map((o) => o.path));
    if (entry === undefined || control.interrupted !== undefined) return 'failed';
    entries[name] = entry;
    ran.push(name);
    if (outputs.value.git) for (const o of stage.outs) if (o.cache) outputs.value.gitignore.ignoreOutput(project.root, o.path);
    writes = writes.then(() => writePipelineLock(project.root, project.pipeDir, stage.pipelineFile, files, entries));
    try {
      await writes;
    } catch (error) {
      writes = Promise.resolve();
      if (error instanceof NoSpaceError) throw error;
      const message = `could not write pipeline.lock: ${error instanceof Error ? error.message : String(error)}`;
      emit({ type: 'stage-failed', stage: name, outcome: { ok: false, reason: 'cache-error', message } });
      return 'failed';
    }
    return 'ok';
  };
  // cores are reserved only for a stage that will run: an unchanged or frozen one is checked (and finishes) at once,
  // even while a stage holding every core runs; the check is kept for runOne
  const sized = new Map<string, StageCheck>();
  const coresToRun = (name: string): number => {
    const stage = project.graph.byName.get(name);
    if (stage === undefined) return 1;
    if (stage.frozen) return 0;
    try {
      const check = checkStage(stage, entries[name], project);
      sized.set(name, check);
      if (check.reasons.length === 0 && !options.force && !forced.has(name)) return 0;
    } catch {
      // runOne checks again inside the scheduler's error handling, which reports the failure
    }
    return stageCores(stage, budgetCores, jobs);
  };
  const coreAccounting = local ? { coreBudget: budgetCores, cores: coresToRun } : {};
  const result = await schedule(
    { order, upstream: (n) => graph.upstream.get(n) ?? [], jobs, keepGoing: options.keepGoing, stopped: () => control.interrupted !== undefined, ...coreAccounting },
    work,
  );
  if (result.failed.length > 0 && control.interrupted === undefined) {
    for (const name of result.skipped) emit({ type: 'stage-skipped', stage: name });
  }
  try {
    for (const file of pruned) if (!ran.some((n) => project.graph.byName.get(n)?.pipelineFile === file)) await writePipelineLock(project.root, project.pipeDir, file, files, entries);
  } catch (error) {
    if (error instanceof NoSpaceError) return fail({ reason: 'no-space', path: error.path });
    throw error;
  }
  if (setup === undefined && pruned.size > 0) setup = prepareOutputs(project);
  if (setup !== undefined) await forgetRemovedOutputs(project, await setup);
  if (control.interrupted !== undefined) return fail({ reason: 'interrupted', signal: control.interrupted });
  if (result.failed.length > 0) return fail({ reason: 'stage-failed', stages: result.failed });
  return ok({ ran, failed: result.failed, skipped: result.skipped });
}

/** `PIPE_CPUS` when it is a valid count, else every core (the CLI resolves --cpus and the config before this). */
function defaultCoreBudget(): number {
  const env = envCoreBudget();
  return env.ok && env.value !== undefined ? env.value : availableParallelism();
}

interface OutputSetup {
  readonly git: boolean;
  readonly gitignore: typeof import('../store/gitignore.js');
}

/** Before the first stage runs: the cache's link types from the project config; whether to write .gitignores. */
async function prepareOutputs(project: Project): Promise<Result<OutputSetup, Failure>> {
  const [{ readLinkTypes }, gitignore] = await Promise.all([import('../store/link-config.js'), import('../store/gitignore.js')]);
  const types = readLinkTypes(project.root);
  if (!types.ok) return types;
  project.cache.linkTypes = types.value;
  return ok({ git: gitignore.inGitWorkTree(project.root), gitignore });
}

function formatConfigError(f: Failure): string {
  return f.reason === 'bad-config' ? `${f.file}: ${f.message}` : f.reason;
}

/** .gitignore entries of cached outputs the lock had but no stage declares any more (DVC's remove). */
async function forgetRemovedOutputs(project: Project, setup: Result<OutputSetup, Failure>): Promise<void> {
  if (!setup.ok || !setup.value.git) return;
  const declared = new Set(project.graph.stages.flatMap((s) => s.outs.map((o) => o.path)));
  for (const entry of Object.values(project.lock.stages)) {
    for (const o of entry.outs) if (!declared.has(o.path) && !o.path.startsWith('/')) setup.value.gitignore.unignoreOutput(project.root, o.path);
  }
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
  const graph = activeGraph(project.graph);
  for (const name of order) {
    const stage = project.graph.byName.get(name);
    if (stage === undefined || stage.frozen) continue;
    const upstream = (graph.upstream.get(name) ?? []).find((u) => wouldRun.has(u));
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
