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

/**
 * Adds the gradient pairs of rows[begin, end) into the histogram at float64 offset `at` of `hist`. Works on four features at a
 * time (their histograms stay in L1 cache) over the node's gradient pairs gathered once into `gh`.
 */
function buildHistogram(input: HistTreeInput, rows: Uint32Array, begin: number, end: number, hist: Float64Array, at: number, gh: Float64Array): void {
  const { grad, hess, features } = input;
  const { bin, slotOffset } = input.index;
  const nRows = input.index.rows;
  const m = end - begin;
  for (let i = 0; i < m; i++) {
    const r = rows[begin + i]!;
    gh[2 * i] = grad[r]!;
    gh[2 * i + 1] = hess[r]!;
  }
  // Four features per pass over the rows, each row's pair loaded once for all four (the last up to three one at a
  // time); each bin still receives its rows' pairs in row order, so the sums are exactly those of one feature at a time.
  let k = 0;
  for (; k + 3 < features.length; k += 4) {
    const fa = features[k]!;
    const fb = features[k + 1]!;
    const fc = features[k + 2]!;
    const fd = features[k + 3]!;
    const offA = at + 2 * slotOffset[fa]!;
    const offB = at + 2 * slotOffset[fb]!;
    const offC = at + 2 * slotOffset[fc]!;
    const offD = at + 2 * slotOffset[fd]!;
    const baseA = fa * nRows;
    const baseB = fb * nRows;
    const baseC = fc * nRows;
    const baseD = fd * nRows;
    for (let i = 0; i < m; i++) {
      const r = rows[begin + i]!;
      const g = gh[2 * i]!;
      const h = gh[2 * i + 1]!;
      const sa = offA + (bin[baseA + r]! << 1);
      hist[sa] = hist[sa]! + g;
      hist[sa + 1] = hist[sa + 1]! + h;
      const sb = offB + (bin[baseB + r]! << 1);
      hist[sb] = hist[sb]! + g;
      hist[sb + 1] = hist[sb + 1]! + h;
      const sc = offC + (bin[baseC + r]! << 1);
      hist[sc] = hist[sc]! + g;
      hist[sc + 1] = hist[sc + 1]! + h;
      const sd = offD + (bin[baseD + r]! << 1);
      hist[sd] = hist[sd]! + g;
      hist[sd + 1] = hist[sd + 1]! + h;
    }
  }
  for (; k < features.length; k++) {
    const f = features[k]!;
    const off = at + 2 * slotOffset[f]!;
    const colBase = f * nRows;
    for (let i = 0; i < m; i++) {
      const s = off + (bin[colBase + rows[begin + i]!]! << 1);
      hist[s] = hist[s]! + gh[2 * i]!;
      hist[s + 1] = hist[s + 1]! + gh[2 * i + 1]!;
    }
  }
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
  // Histogram ranges (in doubles) of the features this tree may use: only these are zeroed and subtracted.
  const ranges = new Int32Array(2 * input.features.length);
  input.features.forEach((f, k) => {
    ranges[2 * k] = 2 * index.slotOffset[f]!;
    ranges[2 * k + 1] = 2 * index.slotOffset[f + 1]!;
  });
  let histWidth = 0;
  for (let q = 0; q < ranges.length; q += 2) histWidth += ranges[q + 1]! - ranges[q]!;
  const nFeatures = input.features.length;
  work.setFeatures(input.features);
  const rootHist = work.take(ranges);
  buildHistogram(input, rows, 0, n, work.mem, rootHist, work.gh);
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
      const split: HistSplit | null = work.bestSplit(node.hist, nFeatures, node.g, node.h, nodeGain(node.g, node.h, p), p);
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
      small.hist = work.take(ranges);
      const mem = work.mem; // after the take, which may have grown the memory
      buildHistogram(input, rows, small.begin, small.end, mem, small.hist, work.gh);
      const ph = node.hist;
      if ((large.end - large.begin) * input.features.length < histWidth) {
        // Few rows: rebuilding is cheaper than subtracting every bin (zeroing is a native fill).
        for (let q = 0; q < ranges.length; q += 2) mem.fill(0, ph + ranges[q]!, ph + ranges[q + 1]!);
        buildHistogram(input, rows, large.begin, large.end, mem, ph, work.gh);
      } else {
        // The larger child reuses the parent's buffer: parent − smaller.
        const d = small.hist - ph;
        for (let q = 0; q < ranges.length; q += 2) {
          for (let k = ph + ranges[q]!, e = ph + ranges[q + 1]!; k < e; k++) mem[k] = mem[k]! - mem[k + d]!;
        }
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
