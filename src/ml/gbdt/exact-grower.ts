// XGBoost's `exact` tree method (grow_colmaker): depth-wise growth, every split point of every sorted column.
// Follows xgboost 1.7 src/tree/updater_colmaker.cc in its arithmetic (double sums, float gains) for parity.
// Speed: each feature's sorted entries are kept grouped by tree node (stable counting sort after every level),
// so one node's scan runs on local accumulators; the per-node summation order is XGBoost's (sorted order).
import type { SortedColumns } from './data.js';
import { scanNode } from './exact-scan.js';
import { RT_EPS, nodeGainF32, nodeWeight, type SplitParams } from './split-gain.js';
import { TreeBuilder } from './tree.js';
import { NodeStats } from './node-stats.js';

/** Inputs of one tree: float32 features, their sorted columns, and this tree's gradient pairs. */
export interface ExactTreeInput {
  readonly x: Float32Array;
  readonly rows: number;
  readonly cols: number;
  readonly sorted: SortedColumns;
  readonly grad: Float32Array;
  readonly hess: Float32Array;
  /** Rows in the tree's sample (1) or left out (0); null = all rows. */
  readonly sample: Uint8Array | null;
  /** Feature indices the tree may split on, ascending. */
  readonly features: Int32Array;
}

/** Entries of the tree's features grouped by expanding node: node slot s of feature k is [off[k·(S+1)+s], …+1). */
interface Grouped {
  row: Int32Array;
  val: Float32Array;
  off: Int32Array;
}

/** Grows one tree with the exact greedy algorithm; the caller prunes it with gamma afterwards. */
export function growExactTree(input: ExactTreeInput, p: SplitParams): TreeBuilder {
  const { x, rows, cols, grad, hess, features, sorted } = input;
  const tree = new TreeBuilder();
  tree.addNode(-1);
  const st = new NodeStats();
  const position = new Int32Array(rows);
  if (input.sample) for (let r = 0; r < rows; r++) if (input.sample[r] === 0) position[r] = -1;
  let expand = [0];
  initNodes(st, expand, position, grad, hess, p);
  let groups = initialGroups(input, position);
  let spare: Grouped = { row: new Int32Array(groups.row.length), val: new Float32Array(groups.val.length), off: new Int32Array(0) };
  const spill = new Int32Array(rows);
  const spillVal = new Float32Array(rows);
  for (let depth = 0; depth < p.maxDepth; depth++) {
    const S = expand.length;
    for (let k = 0; k < features.length; k++) {
      const f = features[k]!;
      const forward = sorted.hasMissing[f] === 1 && sorted.constant[f] === 0;
      for (let s = 0; s < S; s++) {
        const a = groups.off[k * (S + 1) + s]!;
        const b = groups.off[k * (S + 1) + s + 1]!;
        scanNode(groups, a, b, expand[s]!, f, forward, input, st, p);
      }
    }
    const next: number[] = [];
    for (const nid of expand) {
      if (st.bestLoss[nid]! > RT_EPS) {
        tree.split(nid, st.bestFeat[nid]!, st.bestValue[nid]!, st.bestDefaultLeft[nid] === 1);
        next.push(tree.left[nid]!, tree.right[nid]!);
      } else {
        tree.splitCond[nid] = Math.fround(st.weight[nid]! * p.eta);
      }
    }
    // Route the rows of split nodes to the children; rows in new leaves drop out.
    for (let r = 0; r < rows; r++) {
      const nid = position[r]!;
      if (nid < 0) continue;
      const l = tree.left[nid]!;
      if (l < 0) {
        position[r] = -1;
        continue;
      }
      const v = x[r * cols + tree.splitIndex[nid]!]!;
      if (v !== v) position[r] = tree.defaultLeft[nid] === 1 ? l : tree.right[nid]!;
      else position[r] = v < tree.splitCond[nid]! ? l : tree.right[nid]!;
    }
    const parents = expand;
    expand = next;
    if (expand.length === 0) break;
    st.ensure(tree.numNodes);
    initNodes(st, expand, position, grad, hess, p);
    if (depth + 1 >= p.maxDepth) break;
    const regrouped = regroup(groups, spare, parents, tree, position, features.length, spill, spillVal);
    spare = groups;
    groups = regrouped;
  }
  for (const nid of expand) tree.splitCond[nid] = Math.fround(st.weight[nid]! * p.eta);
  for (let nid = 0; nid < tree.numNodes; nid++) {
    tree.lossChange[nid] = st.bestLoss[nid]!;
    tree.baseWeight[nid] = st.weight[nid]!;
    tree.sumHess[nid] = Math.fround(st.sumH[nid]!);
  }
  return tree;
}

/** The tree's features' sorted entries restricted to sampled rows, all in node slot 0. */
function initialGroups(input: ExactTreeInput, position: Int32Array): Grouped {
  const { features, sorted } = input;
  let total = 0;
  for (let k = 0; k < features.length; k++) total += sorted.start[features[k]! + 1]! - sorted.start[features[k]!]!;
  const row = new Int32Array(total);
  const val = new Float32Array(total);
  const off = new Int32Array(2 * features.length);
  let w = 0;
  for (let k = 0; k < features.length; k++) {
    const f = features[k]!;
    off[2 * k] = w;
    for (let j = sorted.start[f]!; j < sorted.start[f + 1]!; j++) {
      const r = sorted.rowIndex[j]!;
      if (position[r]! < 0) continue;
      row[w] = r;
      val[w++] = sorted.values[j]!;
    }
    off[2 * k + 1] = w;
  }
  return { row, val, off };
}

/**
 * Stable partition of every feature's entries from the parents' slots into their children's: the left child's
 * entries, then the right child's, each still ascending; entries of parents that became leaves are dropped.
 */
function regroup(g: Grouped, out: Grouped, parents: number[], tree: TreeBuilder, position: Int32Array, nf: number, spill: Int32Array, spillVal: Float32Array): Grouped {
  const S = parents.length;
  const splitParents = parents.filter((nid) => tree.left[nid]! >= 0);
  const T = 2 * splitParents.length;
  const off = new Int32Array(nf * (T + 1));
  let w = 0;
  for (let k = 0; k < nf; k++) {
    let t = 0;
    for (let s = 0; s < S; s++) {
      const nid = parents[s]!;
      const l = tree.left[nid]!;
      if (l < 0) continue;
      const a = g.off[k * (S + 1) + s]!;
      const b = g.off[k * (S + 1) + s + 1]!;
      off[k * (T + 1) + t] = w;
      let wr = 0;
      for (let j = a; j < b; j++) {
        const r = g.row[j]!;
        const v = g.val[j]!;
        const isLeft = position[r] === l ? 1 : 0;
        out.row[w] = r;
        out.val[w] = v;
        spill[wr] = r;
        spillVal[wr] = v;
        w += isLeft;
        wr += 1 - isLeft;
      }
      off[k * (T + 1) + t + 1] = w;
      out.row.set(spill.subarray(0, wr), w);
      out.val.set(spillVal.subarray(0, wr), w);
      w += wr;
      t += 2;
    }
    off[k * (T + 1) + T] = w;
  }
  return { row: out.row, val: out.val, off };
}

/** Sums the gradient pairs of each node in row order, then its gain, weight and an empty best split. */
function initNodes(st: NodeStats, nodes: number[], position: Int32Array, grad: Float32Array, hess: Float32Array, p: SplitParams): void {
  for (const nid of nodes) {
    st.sumG[nid] = 0;
    st.sumH[nid] = 0;
  }
  for (let r = 0; r < position.length; r++) {
    const nid = position[r]!;
    if (nid < 0) continue;
    st.sumG[nid]! += grad[r]!;
    st.sumH[nid]! += hess[r]!;
  }
  for (const nid of nodes) {
    const g = st.sumG[nid]!;
    const h = st.sumH[nid]!;
    st.rootGain[nid] = nodeGainF32(g, h, p);
    st.weight[nid] = Math.fround(nodeWeight(g, h, p));
    st.bestLoss[nid] = 0;
    st.bestFeat[nid] = 0;
    st.bestValue[nid] = 0;
    st.bestDefaultLeft[nid] = 0;
  }
}
