// A trained booster: trees with their output group, plus what XGBoost's JSON model records around them.
import type { GbdtObjective } from './params.js';
import type { RegTree } from './tree.js';

/** A gradient-boosted tree ensemble in XGBoost's gbtree layout. */
export interface GbdtModel {
  readonly objective: GbdtObjective;
  /** Classes (≥ 2 for multi:softprob, 1 for binary:logistic): the number of output groups. */
  readonly numClass: number;
  readonly numFeature: number;
  /** XGBoost's `base_score` as stored in the model (a probability for binary:logistic). */
  readonly baseScore: number;
  readonly trees: readonly RegTree[];
  /** Output group (class) of each tree. */
  readonly treeInfo: Int32Array;
  /** Feature names, or [] when unnamed. */
  readonly featureNames: readonly string[];
  /** Learner attributes, e.g. `best_iteration`, `best_ntree_limit` after early stopping. */
  readonly attributes: Readonly<Record<string, string>>;
}

/** Number of boosting rounds in a model (trees per round = number of output groups). */
export function numRounds(model: GbdtModel): number {
  return Math.floor(model.trees.length / Math.max(1, model.numClass));
}
