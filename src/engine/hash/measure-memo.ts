// Per-command memo of measured paths, so that many stages sharing a large dependency (foreach items over one
// corpus) stat its files once. Entries overlapping a stage's outputs are dropped when that stage ran.
import { pathsOverlap } from '../paths.js';
import { measure, type Measured } from './measure.js';
import type { StateCache } from './state-cache.js';

export class MeasureMemo {
  readonly #entries = new Map<string, Measured | undefined>();

  /** The measurement of root-relative `rel`, from the memo when already taken. */
  measure(root: string, rel: string, state: StateCache): Measured | undefined {
    if (this.#entries.has(rel)) return this.#entries.get(rel);
    const m = measure(root, rel, state);
    this.#entries.set(rel, m);
    return m;
  }

  /** Forgets every entry equal to, inside or containing one of `paths` (they may have changed). */
  invalidate(paths: readonly string[]): void {
    for (const key of [...this.#entries.keys()]) if (paths.some((p) => pathsOverlap(p, key))) this.#entries.delete(key);
  }
}
