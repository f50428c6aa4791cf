// XGBoost's `hist` tree method (grow_quantile_histmaker), depth-wise: gradient histograms over quantile bins,
// built for the smaller child and derived for the larger one by subtraction from the parent.
import type { HistIndex } from './hist-index.js';
import { RT_EPS, nodeGain, nodeWeight, type SplitParams } from './split-gain.js';
import { TreeBuilder } from './tree.js';
import type { HistSplit } from './hist-split.js';
import { HistWorkspace } from './hist-workspace.js';

export { HistWorkspace };

/** Inputs of one tree: the binned features, and this tree's gradient pairs. */
export interface HistTreeInput {
  readonly index: HistIndex;
  readonly grad: Float32Array;
  readonly hess: Float32Array;
  /** Rows in the tree's sample (1) or left out (0); null = all rows. */
  readonly sample: Uint8Array | null;
  /** Feature indices the tree may split on, ascending. */
  readonly features: Int32Array;
}

interface OpenNode {
  nid: number;
  begin: number;
  end: number;
  /** Float64 offset of the node's histogram in the workspace memory. */
  hist: number;
  g: number;
  h: number;
}

/** Grows one tree with histogram splits; gamma is applied when a split is considered (as XGBoost's hist does). */
export function growHistTree(input: HistTreeInput, p: SplitParams, ws?: HistWorkspace): TreeBuilder {
  const { index, grad, hess } = input;
  const work = ws ?? new HistWorkspace(index);
  const rows = work.rowBuf;
  let n = 0;
  for (let r = 0; r < index.rows; r++) if (!input.sample || input.sample[r] === 1) rows[n++] = r;
  const tree = new TreeBuilder();
  tree.addNode(-1);
  let g0 = 0;
  let h0 = 0;
  for (let i = 0; i < n; i++) {
    g0 += grad[rows[i]!]!;
    h0 += hess[rows[i]!]!;
  }
  // histograms hold (and are zeroed and subtracted on) only the features this tree may use
  work.setFeatures(input.features);
  const nFeatures = input.features.length;
  const rootHist = work.take();
  work.buildHistogram(rootHist, rows, 0, n, grad, hess);
  let open: OpenNode[] = [{ nid: 0, begin: 0, end: n, hist: rootHist, g: g0, h: h0 }];
  const setLeaf = (node: OpenNode): void => {
    const w = Math.fround(nodeWeight(node.g, node.h, p));
    tree.baseWeight[node.nid] = w;
    tree.sumHess[node.nid] = Math.fround(node.h);
    tree.splitCond[node.nid] = Math.fround(w * p.eta);
  };
  for (let depth = 0; depth < p.maxDepth && open.length > 0; depth++) {
    const next: OpenNode[] = [];
    for (const node of open) {
      const split: HistSplit | null = work.bestSplit(node.hist, node.g, node.h, nodeGain(node.g, node.h, p), p);
      if (!split || !(split.loss > RT_EPS) || split.loss < p.gamma) {
        setLeaf(node);
        work.give(node.hist);
        continue;
      }
      const nid = node.nid;
      tree.split(nid, split.feature, split.threshold, split.defaultLeft);
      tree.baseWeight[nid] = Math.fround(nodeWeight(node.g, node.h, p));
      tree.sumHess[nid] = Math.fround(node.h);
      tree.lossChange[nid] = Math.fround(split.loss);
      // Stable partition of the node's rows: left rows first. A training row's bin is the upper bound of its value
      // among the cuts, so `x < cut[b]` is `bin ≤ b`: the column-major bins are read instead of the row-major values.
      const scratch = work.scratch;
      let nl = node.begin;
      let nr = 0;
      const colBase = split.feature * index.rows;
      const missingBin = index.cutPtr[split.feature + 1]! - index.cutPtr[split.feature]!;
      const maxLeft = split.leftMaxBin;
      const dl = split.defaultLeft;
      for (let i = node.begin; i < node.end; i++) {
        const r = rows[i]!;
        const b = index.bin[colBase + r]!;
        const goLeft = b === missingBin ? dl : b <= maxLeft;
        if (goLeft) rows[nl++] = r;
        else scratch[nr++] = r;
      }
      rows.set(scratch.subarray(0, nr), nl);
      const left: OpenNode = { nid: tree.left[nid]!, begin: node.begin, end: nl, hist: node.hist, g: split.leftG, h: split.leftH };
      const right: OpenNode = { nid: tree.right[nid]!, begin: nl, end: node.end, hist: node.hist, g: node.g - split.leftG, h: node.h - split.leftH };
      next.push(left, right);
      if (depth + 1 >= p.maxDepth) continue; // children become leaves: no histograms needed
      const [small, large] = nl - node.begin <= node.end - nl ? [left, right] : [right, left];
      small.hist = work.take();
      work.buildHistogram(small.hist, rows, small.begin, small.end, grad, hess);
      const ph = node.hist;
      if ((large.end - large.begin) * nFeatures < work.histWidth) {
        // Few rows: rebuilding is cheaper than subtracting every bin (zeroing is a native fill).
        work.clear(ph);
        work.buildHistogram(ph, rows, large.begin, large.end, grad, hess);
      } else {
        // The larger child reuses the parent's buffer: parent − smaller.
        work.subtract(ph, small.hist);
      }
      large.hist = ph;
    }
    open = next;
  }
  const given = new Set<number>();
  for (const node of open) {
    setLeaf(node);
    if (!given.has(node.hist)) {
      given.add(node.hist);
      work.give(node.hist);
    }
  }
  return tree;
}
