// Seeded pseudo-random numbers for row and column sampling (SplitMix32-style mixing; deterministic per seed).

/** A seeded generator of uniform numbers in [0, 1). */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = (seed ^ 0x9e3779b9) >>> 0;
  }

  /** Next uniform number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return (z >>> 0) / 4294967296;
  }
}

/** Bernoulli row sample: 1 for rows kept with probability `ratio`. */
export function sampleRows(rng: Rng, rows: number, ratio: number): Uint8Array {
  const keep = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) keep[r] = rng.next() < ratio ? 1 : 0;
  return keep;
}

/** XGBoost's ColumnSampler: max(1, ⌊ratio·cols⌋) features drawn without replacement, returned ascending. */
export function sampleColumns(rng: Rng, cols: number, ratio: number): Int32Array {
  const all = Int32Array.from({ length: cols }, (_, i) => i);
  if (ratio >= 1) return all;
  const n = Math.max(1, Math.floor(ratio * cols));
  for (let i = cols - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const t = all[i]!;
    all[i] = all[j]!;
    all[j] = t;
  }
  return all.subarray(0, n).sort();
}
