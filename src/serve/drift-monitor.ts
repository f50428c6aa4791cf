// Drift of served feature vectors against the training distribution: a sliding window of the latest vectors,
// compared per feature with the bundle's reference quantiles (Wasserstein-1 on standardised values, threshold 0.1).
import type { ModelBundle } from '../bundle/index.js';
import { driftReport, type DriftReport } from '../drift/index.js';
import { matrix } from '../ml/index.js';

export interface DriftMonitorOptions {
  /** Vectors kept (the newest). Default 500. */
  readonly windowSize?: number;
  /** No score until at least this many vectors were served. Default 30. */
  readonly minVectors?: number;
  /** Per-feature distance above which a feature counts as drifted. Default 0.1. */
  readonly featureThreshold?: number;
}

/** Keeps the newest served vectors (imputed as the model sees them) and scores their drift on demand. */
export class DriftMonitor {
  private readonly window: Float64Array;
  private readonly windowSize: number;
  private readonly minVectors: number;
  private readonly reference: Map<string, number[]>;
  private readonly cols: number;
  private count = 0;
  private next = 0;
  private cached: { count: number; report: DriftReport | undefined } | undefined;

  constructor(
    private readonly bundle: ModelBundle,
    private readonly options: DriftMonitorOptions = {},
  ) {
    this.windowSize = options.windowSize ?? 500;
    this.minVectors = options.minVectors ?? 30;
    this.cols = bundle.columns.length;
    this.window = new Float64Array(this.windowSize * this.cols);
    const { columns, quantiles } = bundle.json.reference;
    this.reference = new Map();
    columns.forEach((c, j) => {
      const q = quantiles[j] ?? [];
      if (q.length > 0) this.reference.set(c, q);
    });
  }

  /** Adds raw feature vectors (NaN cells are imputed first); vectors of the wrong length are ignored. */
  add(vectors: readonly Float64Array[]): void {
    const good = vectors.filter((v) => v.length === this.cols);
    if (good.length === 0) return;
    const data = new Float64Array(good.length * this.cols);
    good.forEach((v, i) => data.set(v, i * this.cols));
    const imputed = this.bundle.imputer.transform(matrix(data, good.length, this.cols)).data;
    for (let i = 0; i < good.length; i++) {
      this.window.set(imputed.subarray(i * this.cols, (i + 1) * this.cols), this.next * this.cols);
      this.next = (this.next + 1) % this.windowSize;
      this.count++;
    }
  }

  /** Vectors in the window. */
  get size(): number {
    return Math.min(this.count, this.windowSize);
  }

  /** The drift report of the current window, or undefined before `minVectors` vectors (cached until new ones). */
  report(): DriftReport | undefined {
    if (this.cached?.count === this.count) return this.cached.report;
    const n = this.size;
    let report: DriftReport | undefined;
    if (n >= this.minVectors) {
      const current = new Map<string, Float64Array>();
      this.bundle.columns.forEach((name, j) => {
        const values = new Float64Array(n);
        for (let i = 0; i < n; i++) values[i] = this.window[i * this.cols + j]!;
        current.set(name, values);
      });
      report = driftReport(this.reference, current, { featureThreshold: this.options.featureThreshold ?? 0.1 });
    }
    this.cached = { count: this.count, report };
    return report;
  }

  /** Share of drifted features in the window (the study's drift score), or undefined when too few vectors. */
  score(): number | undefined {
    return this.report()?.driftedShare;
  }
}
