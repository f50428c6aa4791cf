// Best split of one node from its gradient histogram: both default directions, XGBoost's gain and weight rules.
import type { HistIndex } from './hist-index.js';
import { thresholdL1, type SplitParams } from './split-gain.js';

/** A chosen split: `x < threshold` goes left, missing goes left when `defaultLeft`. */
export interface HistSplit {
  feature: number;
  threshold: number;
  defaultLeft: boolean;
  loss: number;
  leftG: number;
  leftH: number;
  /** Rows of the training matrix go left when their bin is at most this (the same rows as `x < threshold`). */
  leftMaxBin: number;
}

/**
 * A candidate's loss is G_L²/(H_L+λ) + G_R²/(H_R+λ) − rootGain. Most candidates fall far below the best so far,
 * and for them the two divisions are skipped: with S = G_L²/(H_L+λ) + G_R²/(H_R+λ) computed as one fraction,
 * `num < bar·den` (below) proves the loss as `bestHistSplit` computes it cannot exceed bestLoss — `bar` sits
 * a relative 1e−9 under bestLoss + rootGain, a margin far wider than the few float64 roundings (≈ 1e−15 each)
 * between the two forms. Candidates that clear the bar get the exact arithmetic, so splits are bit-identical.
 */
function clearBar(bestLoss: number, rootGain: number): number {
  return (bestLoss + rootGain) * (1 - 1e-9);
}

/** Scans every allowed feature's bins for the split with the largest loss reduction (null if none is valid). */
export function bestHistSplit(
  index: HistIndex,
  hist: Float64Array,
  features: Int32Array,
  G: number,
  H: number,
  rootGain: number,
  p: SplitParams,
): HistSplit | null {
  const { cutPtr, cuts, slotOffset } = index;
  const mcw = p.minChildWeight;
  const lambda = p.lambda;
  const alpha = p.alpha;
  let best: HistSplit | null = null;
  let bestLoss = 0;
  let bar = clearBar(bestLoss, rootGain);
  for (let k = 0; k < features.length; k++) {
    const f = features[k]!;
    const lo = cutPtr[f]!;
    const nb = cutPtr[f + 1]! - lo;
    const off = slotOffset[f]!;
    const missH = hist[2 * (off + nb) + 1]!;
    // Forward: bins 0..b left, missing right.
    let lG = 0;
    let lH = 0;
    const lastBin = missH > 0 ? nb : nb - 1;
    for (let b = 0; b < lastBin; b++) {
      const bh = hist[2 * (off + b) + 1]!;
      if (bh === 0 && b > 0) continue; // an empty bin repeats the previous candidate
      lG += hist[2 * (off + b)]!;
      lH += bh;
      if (lH < mcw || lH <= 0) continue;
      const rH = H - lH;
      if (rH < mcw || rH <= 0) break;
      const tl = alpha === 0 ? lG : thresholdL1(lG, alpha);
      const tr = alpha === 0 ? G - lG : thresholdL1(G - lG, alpha);
      const sl = tl * tl;
      const sr = tr * tr;
      const dl = lH + lambda;
      const dr = rH + lambda;
      if (sl * dr + sr * dl < bar * (dl * dr)) continue; // cannot beat the best: no divisions
      const loss = sl / dl + sr / dr - rootGain;
      if (loss > bestLoss) {
        bestLoss = loss;
        bar = clearBar(bestLoss, rootGain);
        best = { feature: f, threshold: cuts[lo + b]!, defaultLeft: false, loss, leftG: lG, leftH: lH, leftMaxBin: b };
      }
    }
    if (missH <= 0) continue;
    // Backward: bins b..nb−1 right, missing left.
    let rG = 0;
    let rH = 0;
    for (let b = nb - 1; b >= 1; b--) {
      const bh = hist[2 * (off + b) + 1]!;
      if (bh === 0) continue;
      rG += hist[2 * (off + b)]!;
      rH += bh;
      if (rH < mcw || rH <= 0) continue;
      const leftH = H - rH;
      if (leftH < mcw || leftH <= 0) break;
      const tl = alpha === 0 ? G - rG : thresholdL1(G - rG, alpha);
      const tr = alpha === 0 ? rG : thresholdL1(rG, alpha);
      const sl = tl * tl;
      const sr = tr * tr;
      const dl = leftH + lambda;
      const dr = rH + lambda;
      if (sl * dr + sr * dl < bar * (dl * dr)) continue;
      const loss = sl / dl + sr / dr - rootGain;
      if (loss > bestLoss) {
        bestLoss = loss;
        bar = clearBar(bestLoss, rootGain);
        best = { feature: f, threshold: cuts[lo + b - 1]!, defaultLeft: true, loss, leftG: G - rG, leftH, leftMaxBin: b - 1 };
      }
    }
  }
  return best;
}
