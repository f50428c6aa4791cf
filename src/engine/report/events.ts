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
  | { readonly type: 'stage-failed'; readonly stage: string; readonly outcome: Exclude<ExecOutcome, { ok: true }> | { ok: false; reason: 'missing-output'; path: string } | { ok: false; reason: 'cache-error'; message: string } }
  | { readonly type: 'stage-skipped'; readonly stage: string }
  | { readonly type: 'stage-output'; readonly stage: string; readonly stream: 'stdout' | 'stderr'; readonly line: string }
  | { readonly type: 'would-run'; readonly stage: string; readonly reasons: readonly Reason[] }
  | { readonly type: 'interrupting'; readonly signal: string }
  | { readonly type: 'waiting-for-lock'; readonly pid: number };

export type EventSink = (event: ReproEvent) => void;
