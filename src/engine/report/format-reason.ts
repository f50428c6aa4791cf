// Renders why a stage changed, one short line per reason.
import type { Reason } from '../run/reasons.js';
import type { Value } from '../stage.js';

/** One line for one reason, old → new where it applies. */
export function formatReason(r: Reason): string {
  switch (r.kind) {
    case 'new':
      return 'new stage (not in pipeline.lock)';
    case 'always-changed':
      return 'always_changed';
    case 'forced':
      return 'forced';
    case 'cmd':
      return `cmd changed: '${r.old}' → '${r.new}'`;
    case 'dep-added':
      return `dep added: ${r.path}`;
    case 'dep-removed':
      return `dep removed: ${r.path}`;
    case 'dep-missing':
      return `dep deleted: ${r.path}`;
    case 'dep-modified':
      return `dep modified: ${r.path} (${shortPair(r.old, r.new)})`;
    case 'param-added':
      return `param added: ${r.file}:${r.key}`;
    case 'param-removed':
      return `param removed: ${r.file}:${r.key}`;
    case 'param-modified':
      return `param modified: ${r.file}:${r.key} ${valueText(r.old)} → ${valueText(r.new)}`;
    case 'out-added':
      return `out added: ${r.path}`;
    case 'out-removed':
      return `out removed: ${r.path}`;
    case 'out-missing':
      return `out deleted: ${r.path}`;
    case 'out-not-cached':
      return `out not in cache: ${r.path}`;
    case 'out-modified':
      return `out modified: ${r.path} (${shortPair(r.old, r.new)})`;
    case 'upstream-would-run':
      return `upstream stage '${r.stage}' would run`;
  }
}

/** `old → new`, each cut to the same length: 8 hex digits, more when needed for the two to differ. */
export function shortPair(oldHash: string, newHash: string): string {
  let n = 8;
  while (n < Math.max(oldHash.length, newHash.length) && oldHash.slice(0, n) === newHash.slice(0, n)) n += 4;
  return `${oldHash.slice(0, n)} → ${newHash.slice(0, n)}`;
}

/** Compact text of a param value. */
export function valueText(v: Value | undefined): string {
  if (v === undefined) return '—';
  return typeof v === 'string' ? v : JSON.stringify(v);
}
