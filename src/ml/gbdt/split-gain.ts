// XGBoost's second-order split arithmetic (Chen & Guestrin 2016, eqs. 5–7; xgboost src/tree/param.h).

/** Regularisation constants of the split search, already rounded to float32 as XGBoost stores them. */
export interface SplitParams {
  readonly eta: number;
  readonly lambda: number;
  readonly alpha: number;
  readonly gamma: number;
  readonly minChildWeight: number;
  readonly maxDepth: number;
}

/** XGBoost's kRtEps: a split must gain more than this. */
export const RT_EPS = Math.fround(1e-6);

/** Rounds the regularisation parameters to float32, as XGBoost's TrainParam holds them. */
export function splitParams(p: { eta: number; lambda: number; alpha: number; gamma: number; minChildWeight: number; maxDepth: number }): SplitParams {
  return {
    eta: Math.fround(p.eta),
    lambda: Math.fround(p.lambda),
    alpha: Math.fround(p.alpha),
    gamma: Math.fround(p.gamma),
    minChildWeight: Math.fround(p.minChildWeight),
    maxDepth: p.maxDepth,
  };
}

/** Soft-thresholds a gradient sum by the L1 penalty alpha. */
export function thresholdL1(g: number, alpha: number): number {
  if (g > alpha) return g - alpha;
  if (g < -alpha) return g + alpha;
  return 0;
}

/** Structure score G²/(H+λ) of a node (with L1 soft-thresholding); 0 when H ≤ 0. */
export function nodeGain(g: number, h: number, p: SplitParams): number {
  if (h <= 0) return 0;
  const t = p.alpha === 0 ? g : thresholdL1(g, p.alpha);
  return (t * t) / (h + p.lambda);
}

/** `nodeGain` in XGBoost 1.7's float32 rounding: float(G²) / float(H+λ), rounded to float. */
export function nodeGainF32(g: number, h: number, p: SplitParams): number {
  if (h <= 0) return 0;
  const t = p.alpha === 0 ? g : thresholdL1(g, p.alpha);
  return Math.fround(Math.fround(t * t) / Math.fround(h + p.lambda));
}

/** Optimal leaf weight −ThresholdL1(G)/(H+λ), or 0 when H is below min_child_weight. */
export function nodeWeight(g: number, h: number, p: SplitParams): number {
  if (h < p.minChildWeight || h <= 0) return 0;
  return -thresholdL1(g, p.alpha) / (h + p.lambda);
}
