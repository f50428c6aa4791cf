// Brings one changed stage up to date: restore from the run-cache when its exact inputs ran before,
// otherwise remove its (non-persist) outputs, run it, and cache its outputs. Nothing of a failed run is
// cached or recorded.
import { rmSync } from 'node:fs';
import type { Executor, StageJob } from '../executors/executor.js';
import { measure } from '../hash/measure.js';
import { absPath } from '../paths.js';
import type { EventSink } from '../report/events.js';
import type { Stage } from '../stage.js';
import type { FileRecord, LockEntry } from '../store/lock-types.js';
import { CorruptObject, type ObjectCache } from '../store/object-cache.js';
import { lookupRun, recordRun } from '../store/run-cache.js';
import { toRecord, type CheckContext } from './check-stage.js';
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
}

/** The lock entry of the finished stage, or undefined when it failed (already reported). */
export async function runStage(input: RunStageInput): Promise<LockEntry | undefined> {
  const { stage, deps, ctx, emit } = input;
  const key = fingerprint(stage, deps);
  const entryOf = (outs: readonly FileRecord[]): LockEntry => ({ cmd: stage.cmd, deps, params: stage.paramValues, outs });
  if (input.useRunCache && runCacheEligible(stage)) {
    const outs = lookupRun(ctx.cache, key);
    if (outs !== undefined && restoreAll(ctx.cache, outs)) {
      emit({ type: 'stage-restored', stage: stage.name });
      return entryOf(outs);
    }
  }
  input.onStart();
  const job: StageJob = {
    stage: stage.name,
    commands: stage.cmd,
    cwd: absPath(ctx.root, stage.wdir),
    env: { ...process.env, PIPE_STAGE: stage.name, PIPE_ROOT: ctx.root },
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
  let outs: FileRecord[] | undefined;
  try {
    outs = saveOutputs(stage, ctx, emit);
  } catch (error) {
    const message = `could not cache its outputs: ${error instanceof Error ? error.message : String(error)}`;
    emit({ type: 'stage-failed', stage: stage.name, outcome: { ok: false, reason: 'cache-error', message } });
    return undefined;
  }
  if (outs === undefined) return undefined;
  if (runCacheEligible(stage)) recordRun(ctx.cache, key, outs);
  emit({ type: 'stage-done', stage: stage.name, durationMs: Date.now() - started });
  return entryOf(outs);
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
    if (out.cache || (out.kind === 'metric' && m.kind === 'file')) ctx.cache.save(out.path, m, out.cache && !out.persist);
    outs.push(toRecord(out.path, m));
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
