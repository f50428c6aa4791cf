// The second half of `pipe pull`: places fetched outputs in the workspace, as a checkout from the cache does
// (verified objects, reflink/hardlink/copy under a temporary name, renamed over the target). An output already
// matching its lock record is left alone; one whose objects are not all in the cache is reported, not touched.
import { measure } from '../hash/measure.js';
import type { Project } from '../project.js';
import { CorruptObject } from '../store/object-cache.js';
import type { SelectedOutput } from './object-refs.js';

export interface CheckoutResult {
  readonly placed: readonly string[];
  readonly unchanged: number;
  /** Outputs whose objects are incomplete in the cache (not fetched): left as they were. */
  readonly incomplete: readonly string[];
}

/** Places every selected output whose objects are all in the cache. */
export function checkoutOutputs(project: Project, outputs: readonly SelectedOutput[]): CheckoutResult {
  const placed: string[] = [];
  const incomplete: string[] = [];
  let unchanged = 0;
  for (const { record, linkable } of outputs) {
    const current = measure(project.root, record.path, project.state);
    if (current !== undefined && current.hash === record.hash) {
      unchanged++;
      continue;
    }
    if (!project.cache.has(record)) {
      incomplete.push(record.path);
      continue;
    }
    try {
      project.cache.restore(record, linkable);
      placed.push(record.path);
    } catch (error) {
      if (!(error instanceof CorruptObject)) throw error;
      incomplete.push(record.path);
    }
  }
  project.state.save();
  return { placed, unchanged, incomplete };
}
