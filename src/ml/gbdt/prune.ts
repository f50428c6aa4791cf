// XGBoost's `prune` updater: bottom-up removal of splits whose loss change is below gamma (min_split_loss).
import { DELETED_SPLIT_INDEX, type TreeBuilder } from './tree.js';

/**
 * Collapses every split whose two children are leaves and whose loss change is < `gamma`, repeating upwards.
 * Removed children stay in the arrays marked deleted (as XGBoost's RegTree::ChangeToLeaf does); the collapsed
 * node keeps its split index and loss change but gets the leaf value `eta · base_weight`.
 */
export function pruneTree(tree: TreeBuilder, gamma: number, eta: number): number {
  let pruned = 0;
  const isDeleted = (nid: number): boolean =>
    tree.splitIndex[nid] === DELETED_SPLIT_INDEX && tree.defaultLeft[nid] === 1 && nid !== 0;
  for (let nid = 0; nid < tree.numNodes; nid++) {
    if (tree.left[nid] !== -1 || isDeleted(nid)) continue;
    let child = nid;
    while (child !== 0) {
      const pid = tree.parent[child]!;
      const l = tree.left[pid]!;
      const r = tree.right[pid]!;
      const balanced = l >= 0 && r >= 0 && tree.left[l] === -1 && tree.left[r] === -1;
      if (!balanced || !(tree.lossChange[pid]! < gamma)) break;
      for (const c of [l, r]) {
        tree.splitIndex[c] = DELETED_SPLIT_INDEX;
        tree.defaultLeft[c] = 1;
      }
      tree.left[pid] = -1;
      tree.right[pid] = -1;
      tree.splitCond[pid] = Math.fround(eta * tree.baseWeight[pid]!);
      pruned += 2;
      child = pid;
    }
  }
  return pruned;
}
