// Public API of the pipeline engine. Kept lean: heavy modules (yaml, zod) load only when a cache misses.
export type { Failure, SourcePos } from './failure.js';
export type { Result } from './result.js';
export type { Pipeline, Stage, OutSpec, ParamSpec, Value } from './stage.js';
export type { Graph } from './graph.js';
export type { Reason } from './run/reasons.js';
export type { ReproEvent, EventSink } from './report/events.js';
export type { Executor, StageJob, ExecOutcome } from './executors/executor.js';
export { openProject, findRoot, type Project } from './project.js';
export { repro, type ReproOptions, type ReproSummary, type ReproControl } from './run/repro.js';
export { status, type StageStatus } from './run/status.js';
export { LocalExecutor } from './executors/local.js';
export { consoleLogger } from './report/console-logger.js';
export { formatFailure, exitCodeOf } from './report/format-failure.js';
export { formatReason } from './report/format-reason.js';
export { gc, type GcResult } from './store/gc.js';
export { acquireProcessLock } from './run/process-lock.js';
export { renderDag, dagOf, type DagFormat } from './query/dag.js';
export type { DiffRow } from './query/diff-rows.js';
// params diff and metrics parse YAML: import them from './query/index.js' (kept out of the startup path).
