// The experiment queue: one JSON file per queued experiment under .pipe/exp-queue/ (written to a temporary
// name, then renamed), removed once the experiment is recorded, so a killed sweep leaves the rest queued.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ParamSet } from '../engine/exp/index.js';

export const QUEUE_DIR = '.pipe/exp-queue';

export interface QueuedExp {
  readonly name: string;
  readonly base: string;
  readonly sets: readonly ParamSet[];
  readonly targets: readonly string[];
  readonly queued: string;
}

/** A stable default name: `exp-` + 6 hex digits of the base and the assignments. */
export function autoName(base: string, sets: readonly ParamSet[]): string {
  return `exp-${createHash('sha256').update(base).update(JSON.stringify(sets)).digest('hex').slice(0, 6)}`;
}

/** Adds (or replaces) `exp` in the queue. */
export function enqueue(root: string, exp: QueuedExp): void {
  const dir = path.join(root, QUEUE_DIR);
  mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${exp.name}.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify(exp, null, 2) + '\n');
  renameSync(tmp, path.join(dir, `${exp.name}.json`));
}

/** Queued experiments in the order they were queued. */
export function readQueue(root: string): QueuedExp[] {
  const dir = path.join(root, QUEUE_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as QueuedExp)
    .sort((a, b) => a.queued.localeCompare(b.queued) || a.name.localeCompare(b.name));
}

/** Removes `name` from the queue. */
export function dequeue(root: string, name: string): void {
  rmSync(path.join(root, QUEUE_DIR, `${name}.json`), { force: true });
}
