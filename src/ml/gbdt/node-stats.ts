// Per-node scratch of the exact grower: gradient sums, gain and weight, and the best split found so far.

/** Typed per-node arrays indexed by node id, grown on demand. */
export class NodeStats {
  sumG: Float64Array = new Float64Array(0);
  sumH: Float64Array = new Float64Array(0);
  rootGain: Float64Array = new Float64Array(0);
  weight: Float64Array = new Float64Array(0);
  bestLoss: Float64Array = new Float64Array(0);
  bestFeat: Int32Array = new Int32Array(0);
  bestValue: Float64Array = new Float64Array(0);
  bestDefaultLeft: Uint8Array = new Uint8Array(0);

  constructor(capacity = 64) {
    this.ensure(capacity);
  }

  /** Makes room for node ids below `n`, keeping the contents. */
  ensure(n: number): void {
    if (n <= this.sumG.length) return;
    const cap = Math.max(n, this.sumG.length * 2);
    const f64 = (a: Float64Array): Float64Array => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    this.sumG = f64(this.sumG);
    this.sumH = f64(this.sumH);
    this.rootGain = f64(this.rootGain);
    this.weight = f64(this.weight);
    this.bestLoss = f64(this.bestLoss);
    this.bestValue = f64(this.bestValue);
    const feat = new Int32Array(cap);
    feat.set(this.bestFeat);
    this.bestFeat = feat;
    const dl = new Uint8Array(cap);
    dl.set(this.bestDefaultLeft);
    this.bestDefaultLeft = dl;
  }
}
