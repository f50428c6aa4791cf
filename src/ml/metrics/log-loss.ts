// Multi-class cross-entropy as sklearn.metrics.log_loss (scikit-learn 1.2): clip, renormalise rows, mean.
import type { Matrix } from '../matrix.js';
import { checkClassIndices, checkProba, type ClassIndices } from './labels.js';

export interface LogLossOptions {
  /**
   * dtype of the probabilities as sklearn received them; default 'float64'. XGBoost predicts float32, and sklearn
   * then clips and renormalises in float32 (eps = 2^−23) before taking float64 logs: 'float32' reproduces that.
   */
  dtype?: 'float64' | 'float32';
  /** Probabilities are clipped to [eps, 1 − eps]; default machine epsilon of `dtype` (sklearn eps="auto"). */
  eps?: number;
}

/** Mean negative log-likelihood of the true class; each row is clipped then renormalised to sum 1, as sklearn 1.2. */
export function logLoss(yTrue: ClassIndices, proba: Matrix, options: LogLossOptions = {}): number {
  const f32 = options.dtype === 'float32';
  const round = f32 ? Math.fround : (x: number): number => x;
  const eps = options.eps ?? (f32 ? 2 ** -23 : Number.EPSILON);
  if (!(eps > 0 && eps < 0.5)) throw new RangeError(`logLoss: eps must be in (0, 0.5), got ${eps}`);
  if (yTrue.length === 0) throw new RangeError('logLoss: no samples');
  checkClassIndices('logLoss', yTrue);
  checkProba('logLoss', proba, yTrue.length);
  const k = proba.cols;
  let total = 0;
  for (let r = 0; r < proba.rows; r++) {
    const t = yTrue[r] ?? 0;
    if (t >= k) throw new RangeError(`logLoss: class ${t} has no probability column (only ${k})`);
    let sum = 0;
    let pt = 0;
    for (let c = 0; c < k; c++) {
      const p = round(Math.min(Math.max(round(proba.data[r * k + c] ?? 0), eps), round(1 - eps)));
      sum = round(sum + p);
      if (c === t) pt = p;
    }
    total += -Math.log(round(pt / sum));
  }
  return total / proba.rows;
}
