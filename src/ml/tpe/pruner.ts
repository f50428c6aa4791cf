// Pruning of a study's trials on their learning curve (Optuna's pruners, computed ahead of the trial): a pruner
// turns the finished trials a trial is judged against into a stopping plan (one threshold per step), and the
// training loop stops the trial at the first checked step whose score is worse than the threshold there.
// Intermediate values are minimised (a validation loss). Computing the plan before the trial starts, from trials
// fixed by the study's batches, keeps pruning independent of timing and thread count.

/** A finished trial as a pruner sees it: its state and its intermediate values at steps 0, 1, …. */
export interface PrunerTrial {
  readonly number: number;
  readonly state: 'complete' | 'pruned';
  readonly intermediate: readonly number[];
}

/** Which score of the running trial a plan's thresholds are compared with. */
export type PruneScore = 'best-so-far' | 'current';

/** A trial's stopping plan: stop after step s when its score at s is greater than thresholds[s]. */
export interface PrunePlan {
  /** NaN (or past the end): step s is not checked. −Infinity: pruned at s whatever its score; +Infinity: only
   * a NaN score is pruned. */
  readonly thresholds: Float64Array;
  /** 'best-so-far': the lowest value up to s (Optuna's percentile pruners); 'current': the value at s (successive halving). */
  readonly score: PruneScore;
}

/** Makes a trial's stopping plan from the finished trials it is judged against (null: never pruned). */
export interface Pruner {
  readonly name: string;
  plan(seen: readonly PrunerTrial[]): PrunePlan | null;
}

/** A training-loop helper: feed it the value of each step in order; it says when the trial must stop. */
export class PruneTracker {
  private best = Number.NaN;

  constructor(private readonly plan: PrunePlan | null) {}

  /** Records step `step`'s value; true when the plan prunes the trial after this step. */
  stopsAfter(step: number, value: number): boolean {
    if (!Number.isNaN(value) && !(value >= this.best)) this.best = value;
    const threshold = this.plan?.thresholds[step];
    if (threshold === undefined || Number.isNaN(threshold)) return false;
    const score = this.plan!.score === 'current' ? value : this.best;
    return Number.isNaN(score) || score > threshold;
  }
}

/** The last step a trial reported (its curve's length − 1), or −1 for none. */
export function lastStep(trial: PrunerTrial): number {
  return trial.intermediate.length - 1;
}
