// Row and column sampling for gradient boosting (subsample, colsample_bytree), drawn from the project's seeded Rng.
import type { Rng } from '../../util/random.js';

/** Bernoulli row sample: 1 for rows kept with probability `ratio`. */
export function sampleRows(rng: Rng, rows: number, ratio: number): Uint8Array {
  const keep = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) keep[r] = rng.float() < ratio ? 1 : 0;
  return keep;
}

/** XGBoost's ColumnSampler: max(1, ⌊ratio·cols⌋) features drawn without replacement, returned ascending. */
export function sampleColumns(rng: Rng, cols: number, ratio: number): Int32Array {
  const all = Int32Array.from({ length: cols }, (_, i) => i);
  if (ratio >= 1) return all;
  const n = Math.max(1, Math.floor(ratio * cols));
  for (let i = cols - 1; i > 0; i--) {
    const j = Math.floor(rng.float() * (i + 1));
    const t = all[i]!;
    all[i] = all[j]!;
    all[j] = t;
  }
  return all.subarray(0, n).sort();
}
