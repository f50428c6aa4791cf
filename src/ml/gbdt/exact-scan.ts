// One node's split search on one feature (XGBoost colmaker's EnumerateSplit, restricted to a node's entries).
import type { NodeStats } from './node-stats.js';
import { RT_EPS, thresholdL1, type SplitParams } from './split-gain.js';

/** Entries grouped by node: rows and float32 values. */
export interface NodeEntries {
  readonly row: Int32Array;
  readonly val: Float32Array;
}

/**
 * Gain of a partition minus the parent's, rounded as XGBoost 1.7 does: each side's G² and H+λ become float32
 * before the division, the sides add in float32, and the parent's float32 gain is subtracted in float32
 * (found by matching the reference trees' loss_changes bit for bit).
 */
function lossOf(gl: number, hl: number, gr: number, hr: number, root: number, lambda: number, alpha: number): number {
  return Math.fround(Math.fround(gainOne(gl, hl, lambda, alpha) + gainOne(gr, hr, lambda, alpha)) - root);
}

/** One side's float32 structure score ThresholdL1(G, α)²/(H+λ); 0 when H ≤ 0. */
function gainOne(g: number, h: number, lambda: number, alpha: number): number {
  if (h <= 0) return 0;
  const t = alpha === 0 ? g : thresholdL1(g, alpha);
  return Math.fround(Math.fround(t * t) / Math.fround(h + lambda));
}

/**
 * Scans entries [a, b) (node `nid`'s values of feature f, ascending): forward when `forward` (scanned side left,
 * missing right), then always backward (scanned side right, missing left). Features arrive in ascending order,
 * so XGBoost's tie rule reduces to "strictly greater replaces".
 */
export function scanNode(e: NodeEntries, a: number, b: number, nid: number, f: number, forward: boolean, input: { grad: Float32Array; hess: Float32Array }, st: NodeStats, p: SplitParams): void {
  const { grad, hess } = input;
  const { row, val } = e;
  const mcw = p.minChildWeight;
  const lambda = p.lambda;
  const alpha = p.alpha;
  const G = st.sumG[nid]!;
  const H = st.sumH[nid]!;
  const root = st.rootGain[nid]!;
  let best = st.bestLoss[nid]!;
  let bestValue = st.bestValue[nid]!;
  let bestDL = st.bestDefaultLeft[nid]!;
  let bestFeat = st.bestFeat[nid]!;
  const screen = lambda > 0 || mcw > 0; // both denominators are then positive
  let bar = best + root - 1e-6 * (Math.abs(best) + Math.abs(root));
  for (let pass = forward ? 0 : 1; pass < 2; pass++) {
    const dir = pass === 0 ? 1 : -1;
    let eg = 0;
    let eh = 0;
    let last = 0;
    for (let k = 0, j = dir > 0 ? a : b - 1; k < b - a; k++, j += dir) {
      const r = row[j]!;
      const fv = val[j]!;
      if (eh !== 0) {
        if (fv !== last && eh >= mcw) {
          const ch = H - eh;
          if (ch >= mcw) {
            const cg = G - eg;
            // Division-free screen: skip candidates whose gain is clearly below best + root (margin ≫ rounding).
            let promising = true;
            if (screen) {
              const ta = alpha === 0 ? eg : thresholdL1(eg, alpha);
              const tb = alpha === 0 ? cg : thresholdL1(cg, alpha);
              const da = eh + lambda;
              const db = ch + lambda;
              promising = ta * ta * db + tb * tb * da >= bar * da * db;
            }
            const loss = !promising ? -Infinity : dir > 0 ? lossOf(eg, eh, cg, ch, root, lambda, alpha) : lossOf(cg, ch, eg, eh, root, lambda, alpha);
            if (loss > best && loss !== Infinity) {
              let proposed = Math.fround(fv + last) * 0.5;
              if (proposed === fv) proposed = last;
              best = loss;
              bar = best + root - 1e-6 * (Math.abs(best) + Math.abs(root));
              bestValue = Math.fround(proposed);
              bestDL = dir < 0 ? 1 : 0;
              bestFeat = f;
            }
          }
        }
        eg += grad[r]!;
        eh += hess[r]!;
      } else {
        eg = grad[r]!;
        eh = hess[r]!;
      }
      last = fv;
    }
    // Every non-missing value on the scanned side, the missing ones on the other.
    const ch = H - eh;
    if (eh >= mcw && ch >= mcw) {
      const cg = G - eg;
      const gap = Math.fround(Math.abs(last) + RT_EPS);
      const loss = dir > 0 ? lossOf(eg, eh, cg, ch, root, lambda, alpha) : lossOf(cg, ch, eg, eh, root, lambda, alpha);
      if (loss > best && loss !== Infinity) {
        best = loss;
        bestValue = Math.fround(dir > 0 ? last + gap : last - gap);
        bestDL = dir < 0 ? 1 : 0;
        bestFeat = f;
      }
    }
  }
  st.bestLoss[nid] = best;
  st.bestValue[nid] = bestValue;
  st.bestDefaultLeft[nid] = bestDL;
  st.bestFeat[nid] = bestFeat;
}
