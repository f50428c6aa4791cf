// XGBoost's `exact` tree method (grow_colmaker): depth-wise growth, every split point of every sorted column.
// Follows xgboost 1.7 src/tree/updater_colmaker.cc in its arithmetic (double sums, float gains) for parity.
import type { SortedColumns } from './data.js';
import { RT_EPS, nodeGain, nodeWeight, thresholdL1, type SplitParams } from './split-gain.js';
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

/** Grows one tree with the exact greedy algorithm; the caller prunes it with gamma afterwards. */
export function growExactTree(input: ExactTreeInput, p: SplitParams): TreeBuilder {
  const { x, rows, cols, grad, hess } = input;
  const tree = new TreeBuilder();
  tree.addNode(-1);
  const st = new NodeStats();
  const position = new Int32Array(rows);
  if (input.sample) for (let r = 0; r < rows; r++) if (input.sample[r] === 0) position[r] = -1;
  let expand = [0];
  initNodes(st, expand, position, grad, hess, p);
  for (let depth = 0; depth < p.maxDepth; depth++) {
    for (let k = 0; k < input.features.length; k++) {
      const f = input.features[k]!;
      if (input.sorted.hasMissing[f] === 1 && input.sorted.constant[f] === 0) enumerate(input, st, expand, position, f, +1, p);
      enumerate(input, st, expand, position, f, -1, p);
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
    expand = next;
    if (expand.length === 0) break;
    st.ensure(tree.numNodes);
    initNodes(st, expand, position, grad, hess, p);
  }
  for (const nid of expand) tree.splitCond[nid] = Math.fround(st.weight[nid]! * p.eta);
  for (let nid = 0; nid < tree.numNodes; nid++) {
    tree.lossChange[nid] = st.bestLoss[nid]!;
    tree.baseWeight[nid] = st.weight[nid]!;
    tree.sumHess[nid] = Math.fround(st.sumH[nid]!);
  }
  return tree;
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
    st.rootGain[nid] = nodeGain(g, h, p);
    st.weight[nid] = Math.fround(nodeWeight(g, h, p));
    st.bestLoss[nid] = 0;
    st.bestFeat[nid] = 0;
    st.bestValue[nid] = 0;
    st.bestDefaultLeft[nid] = 0;
  }
}

/**
 * Scans feature f's sorted column in one direction for all expanding nodes at once. Forward (+1): the scanned
 * side is left and missing values go right; backward (−1): the scanned side is right and missing go left.
 * Features are scanned in ascending order, so XGBoost's tie rule reduces to "strictly greater replaces".
 */
function enumerate(input: ExactTreeInput, st: NodeStats, nodes: number[], position: Int32Array, f: number, dir: 1 | -1, p: SplitParams): void {
  const { grad, hess } = input;
  const { rowIndex, values } = input.sorted;
  const { sumG, sumH, eG, eH, eLast, rootGain, bestLoss, bestFeat, bestValue, bestDefaultLeft } = st;
  const mcw = p.minChildWeight;
  const lambda = p.lambda;
  const alpha = p.alpha;
  const defaultLeft = dir < 0 ? 1 : 0;
  for (const nid of nodes) {
    eG[nid] = 0;
    eH[nid] = 0;
  }
  const begin = input.sorted.start[f]!;
  const end = input.sorted.start[f + 1]!;
  const count = end - begin;
  let j = dir > 0 ? begin : end - 1;
  for (let k = 0; k < count; k++, j += dir) {
    const r = rowIndex[j]!;
    const nid = position[r]!;
    if (nid < 0) continue;
    const fv = values[j]!;
    const h0 = eH[nid]!;
    const g0 = eG[nid]!;
    if (h0 !== 0) {
      const last = eLast[nid]!;
      if (fv !== last && h0 >= mcw) {
        const cH = sumH[nid]! - h0;
        if (cH >= mcw) {
          const cG = sumG[nid]! - g0;
          let gain: number;
          if (alpha === 0) gain = (g0 * g0) / (h0 + lambda) + (cG * cG) / (cH + lambda);
          else {
            const t0 = thresholdL1(g0, alpha);
            const t1 = thresholdL1(cG, alpha);
            gain = (t0 * t0) / (h0 + lambda) + (t1 * t1) / (cH + lambda);
          }
          const loss = Math.fround(gain - rootGain[nid]!);
          if (loss > bestLoss[nid]! && loss !== Infinity) {
            let proposed = Math.fround(fv + last) * 0.5;
            if (proposed === fv) proposed = last;
            bestLoss[nid] = loss;
            bestFeat[nid] = f;
            bestValue[nid] = Math.fround(proposed);
            bestDefaultLeft[nid] = defaultLeft;
          }
        }
      }
      eG[nid] = g0 + grad[r]!;
      eH[nid] = h0 + hess[r]!;
      eLast[nid] = fv;
    } else {
      eG[nid] = grad[r]!;
      eH[nid] = hess[r]!;
      eLast[nid] = fv;
    }
  }
  // The split that sends every non-missing value to the scanned side and the missing ones to the other.
  for (const nid of nodes) {
    const h0 = eH[nid]!;
    const cH = sumH[nid]! - h0;
    if (h0 >= mcw && cH >= mcw) {
      const cG = sumG[nid]! - eG[nid]!;
      const last = eLast[nid]!;
      const gap = Math.fround(Math.abs(last) + RT_EPS);
      const loss = Math.fround(Math.fround(nodeGain(eG[nid]!, h0, p) + nodeGain(cG, cH, p)) - rootGain[nid]!);
      st.update(nid, loss, f, Math.fround(dir > 0 ? last + gap : last - gap), dir < 0);
    }
  }
}
