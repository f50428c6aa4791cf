// What a repro reports as it goes; the logger (report/console-logger.ts) is the only place that turns these
// into text.
import type { ExecOutcome } from '../executors/executor.js';
import type { Reason } from '../run/reasons.js';

export type ReproEvent =
  | { readonly type: 'stage-start'; readonly stage: string; readonly reasons: readonly Reason[]; readonly index: number; readonly total: number }
  | { readonly type: 'stage-unchanged'; readonly stage: string }
  | { readonly type: 'stage-frozen'; readonly stage: string }
  | { readonly type: 'stage-restored'; readonly stage: string }
  | { readonly type: 'stage-done'; readonly stage: string; readonly durationMs: number }
  | { readonly type: 'stage-failed'; readonly stage: string; readonly outcome: StageFault }
  | { readonly type: 'stage-skipped'; readonly stage: string }
  | { readonly type: 'stage-output'; readonly stage: string; readonly stream: 'stdout' | 'stderr'; readonly line: string }
  | { readonly type: 'would-run'; readonly stage: string; readonly reasons: readonly Reason[] }
  | { readonly type: 'interrupting'; readonly signal: string }
  | { readonly type: 'waiting-for-lock'; readonly pid: number }
  | { readonly type: 'leftover-ended'; readonly stages: readonly string[] };

/** Why a stage failed: its command's outcome, or what the engine found afterwards. */
export type StageFault =
  | Exclude<ExecOutcome, { ok: true }>
  | { ok: false; reason: 'missing-output'; path: string }
  | { ok: false; reason: 'cache-error'; message: string }
  | { ok: false; reason: 'unsafe-output'; path: string; message: string }
  | { ok: false; reason: 'no-space'; path: string }
  /** A bug in the engine's bookkeeping of this stage: kept with its stack (wireit's `unknown-error-thrown`). */
  | { ok: false; reason: 'unknown-error-thrown'; error: unknown };

export type EventSink = (event: ReproEvent) => void;
