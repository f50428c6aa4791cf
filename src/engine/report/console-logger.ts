// Turns repro events into terminal text: one progress line per stage, stage output prefixed by its name.
import type { ReproEvent } from './events.js';
import { clusterFailureText } from '../executors/cluster-failure.js';
import { formatReason } from './format-reason.js';

export interface Streams {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** A logger writing to `streams`. */
export function consoleLogger(streams: Streams): (event: ReproEvent) => void {
  return (e) => {
    switch (e.type) {
      case 'stage-start': {
        const why = e.reasons.slice(0, 3).map(formatReason).join('; ') + (e.reasons.length > 3 ? `; +${e.reasons.length - 3} more` : '');
        streams.out(`▶ Running stage '${e.stage}' [${e.index}/${e.total}]: ${why}\n`);
        return;
      }
      case 'stage-unchanged':
        return streams.out(`Stage '${e.stage}' didn't change, skipping\n`);
      case 'stage-frozen':
        return streams.out(`Stage '${e.stage}' is frozen, skipping\n`);
      case 'stage-restored':
        return streams.out(`Stage '${e.stage}' didn't change since an earlier run, restored its outputs\n`);
      case 'stage-done':
        return streams.out(`✔ Stage '${e.stage}' finished in ${(e.durationMs / 1000).toFixed(1)} s\n`);
      case 'stage-failed':
        return streams.err(`✘ Stage '${e.stage}' failed: ${failureText(e.outcome)}\n`);
      case 'stage-skipped':
        return streams.err(`Stage '${e.stage}' skipped: an upstream stage failed\n`);
      case 'stage-output':
        return (e.stream === 'stdout' ? streams.out : streams.err)(`[${e.stage}] ${e.line}\n`);
      case 'would-run':
        return streams.out(`Would run stage '${e.stage}': ${e.reasons.map(formatReason).join('; ')}\n`);
      case 'interrupting':
        return streams.err(`Interrupted (${e.signal}): stopping running stages…\n`);
      case 'waiting-for-lock':
        return streams.err(`Waiting for pid ${e.pid} (another pipe repro of this project) to finish…\n`);
      case 'leftover-ended':
        return streams.err(`Ended stage ${e.stages.map((s) => `'${s}'`).join(', ')} still running from a previous, killed pipe repro\n`);
    }
  };
}

function failureText(o: Extract<ReproEvent, { type: 'stage-failed' }>['outcome']): string {
  switch (o.reason) {
    case 'exit-non-zero':
      return `command '${o.command}' exited with code ${o.code}`;
    case 'killed':
      return `command '${o.command}' was killed by ${o.signal}`;
    case 'spawn-error':
      return `could not start '${o.command}': ${o.message}`;
    case 'missing-output':
      return `it did not produce its output '${o.path}'`;
    case 'cache-error':
      return o.message;
    case 'unsafe-output':
      return `output '${o.path}' ${o.message}`;
    case 'no-space':
      return `no space left on device while writing ${o.path}`;
    case 'unknown-error-thrown':
      return `internal error while recording it: ${o.error instanceof Error ? (o.error.stack ?? o.error.message) : String(o.error)}`;
    case 'cluster-job':
    case 'submit-error':
      return clusterFailureText(o);
  }
}
