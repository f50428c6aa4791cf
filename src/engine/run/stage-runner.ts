// Brings one changed stage up to date: restore from the run-cache when its exact inputs ran before,
// otherwise remove its (non-persist) outputs, run it, and cache its outputs. Nothing of a failed run is
// cached or recorded.
import { rmSync } from 'node:fs';
import type { Executor, StageJob } from '../executors/executor.js';
import { measure } from '../hash/measure.js';
import { absPath } from '../paths.js';
import type { EventSink, StageFault } from '../report/events.js';
import { NoSpaceError } from '../store/atomic-write.js';
import { unsafeOutput } from '../store/output-safety.js';
import type { Stage } from '../stage.js';
import type { FileRecord, LockEntry } from '../store/lock-types.js';
import { CorruptObject, type ObjectCache } from '../store/object-cache.js';
import { lookupRun, recordRun } from '../store/run-cache.js';
import { toRecord, type CheckContext } from './check-stage.js';
import { CORE_BUDGET_ENV } from './core-budget.js';
import { fingerprint } from './fingerprint.js';

export interface RunStageInput {
  readonly stage: Stage;
  readonly deps: readonly FileRecord[];
  readonly useRunCache: boolean;
  readonly executor: Executor;
  readonly ctx: CheckContext & { readonly cache: ObjectCache };
  readonly emit: EventSink;
  /** Called right before the command runs (not when outputs are restored). */
  readonly onStart: () => void;
  /** Cores reserved for the stage on this machine, passed as PIPE_CPUS; absent: the environment's is kept. */
  readonly cores?: number | undefined;
}

/** The lock entry of the finished stage, or undefined when it failed (already reported). */
export async function runStage(input: RunStageInput): Promise<LockEntry | undefined> {
  const { stage, deps, ctx, emit } = input;
  const key = fingerprint(stage, deps);
  const entryOf = (outs: readonly FileRecord[]): LockEntry => ({ cmd: stage.cmd, deps, params: stage.paramValues, outs });
  for (const out of stage.outs) {
    const unsafe = unsafeOutput(ctx.root, out.path, false);
    if (unsafe !== undefined) return failed(emit, stage.name, { ok: false, reason: 'unsafe-output', path: out.path, message: unsafe });
  }
  if (input.useRunCache && runCacheEligible(stage)) {
    const outs = lookupRun(ctx.cache, key);
    if (outs !== undefined && sameOutputs(stage, outs) && restoreAll(ctx.cache, outs)) {
      emit({ type: 'stage-restored', stage: stage.name });
      return entryOf(outs);
    }
  }
  input.onStart();
  const job: StageJob = {
    stage: stage.name,
    commands: stage.cmd,
    cwd: absPath(ctx.root, stage.wdir),
    env: stageEnv(stage.name, ctx.root, input.cores),
    group: stage.group,
    resources: stage.resources,
    placement: stage.executor,
    outputs: stage.outs.map((o) => absPath(ctx.root, o.path)),
  };
  // a cluster job of an interrupted earlier run may still be writing these outputs: keep them then
  const reattaching = (await input.executor.reattaches?.(job)) === true;
  if (!reattaching) for (const out of stage.outs) if (!out.persist) rmSync(absPath(ctx.root, out.path), { recursive: true, force: true });
  const started = Date.now();
  const outcome = await input.executor.run(job, (stream, line) => emit({ type: 'stage-output', stage: stage.name, stream, line }));
  if (!outcome.ok) {
    emit({ type: 'stage-failed', stage: stage.name, outcome });
    return undefined;
  }
  for (const out of stage.outs) {
    const unsafe = unsafeOutput(ctx.root, out.path, true);
    if (unsafe !== undefined) return failed(emit, stage.name, { ok: false, reason: 'unsafe-output', path: out.path, message: unsafe });
  }
  let outs: FileRecord[] | undefined;
  try {
    outs = saveOutputs(stage, ctx, emit);
    if (outs !== undefined && runCacheEligible(stage)) recordRun(ctx.cache, key, outs);
  } catch (error) {
    if (error instanceof NoSpaceError) return failed(emit, stage.name, { ok: false, reason: 'no-space', path: error.path });
    const message = `could not cache its outputs: ${error instanceof Error ? error.message : String(error)}`;
    return failed(emit, stage.name, { ok: false, reason: 'cache-error', message });
  }
  if (outs === undefined) return undefined;
  emit({ type: 'stage-done', stage: stage.name, durationMs: Date.now() - started });
  return entryOf(outs);
}

/** The command's environment: pipe's, plus the stage name and project root as PIPE_* and DVC_* (dvc/stage/run.py),
 * and its reserved cores as PIPE_CPUS (the name src/util/core-budget.ts reads; the engine does not import it). */
function stageEnv(stage: string, root: string, cores: number | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DVC_ROOT: process.env['DVC_ROOT'] ?? root, DVC_STAGE: stage, PIPE_STAGE: stage, PIPE_ROOT: root };
  if (cores !== undefined) env[CORE_BUDGET_ENV] = String(cores);
  return env;
}

function failed(emit: EventSink, stage: string, outcome: StageFault): undefined {
  emit({ type: 'stage-failed', stage, outcome });
  return undefined;
}

/** A run-cache entry applies only when it records exactly the stage's declared outputs. */
function sameOutputs(stage: Stage, outs: readonly FileRecord[]): boolean {
  const declared = stage.outs.map((o) => o.path).sort();
  const recorded = outs.map((o) => o.path).sort();
  return declared.length === recorded.length && declared.every((p, i) => p === recorded[i]);
}

/** Hashes and caches the outputs of a successful run; undefined (reported) when one is missing. */
function saveOutputs(stage: Stage, ctx: RunStageInput['ctx'], emit: EventSink): FileRecord[] | undefined {
  const outs: FileRecord[] = [];
  for (const out of stage.outs) {
    const m = measure(ctx.root, out.path, ctx.state, true);
    if (m === undefined) {
      emit({ type: 'stage-failed', stage: stage.name, outcome: { ok: false, reason: 'missing-output', path: out.path } });
      return undefined;
    }
    // metrics are always kept (copied when cache: false) so `metrics diff` can show the last run's values
    const executable = out.cache || (out.kind === 'metric' && m.kind === 'file') ? ctx.cache.save(out.path, m, out.cache && !out.persist) : false;
    outs.push(executable && m.kind === 'file' ? { ...toRecord(out.path, m), isexec: true } : toRecord(out.path, m));
  }
  return outs;
}

/** Run-cache applies only to stages with deps and outputs, all cached, none persistent or always changed. */
export function runCacheEligible(stage: Stage): boolean {
  return !stage.alwaysChanged && stage.deps.length > 0 && stage.outs.length > 0 && stage.outs.every((o) => o.cache && !o.persist);
}

function restoreAll(cache: ObjectCache, outs: readonly FileRecord[]): boolean {
  try {
    for (const o of outs) cache.restore(o, true);
    return true;
  } catch (error) {
    if (error instanceof CorruptObject) return false;
    throw error;
  }
}
