// The WebAssembly split scan (two features per float64x2 step) must return exactly the TypeScript scan's split:
// random histograms with empty bins, missing values, features of unequal bin counts, duplicated features (ties),
// bins emptied by subtraction that keep a gradient residue, and the parameter corners (alpha 0, min_child_weight 0,
// min_child_weight so large that scans stop early).
import { describe, expect, it } from 'vitest';
import { Rng } from '../../util/random.js';
import type { HistIndex } from './hist-index.js';
import { bestHistSplit } from './hist-split.js';
import { HistWorkspace } from './hist-workspace.js';
import { nodeGain, type SplitParams } from './split-gain.js';

interface Case {
  index: HistIndex;
  hist: Float64Array;
  features: Int32Array;
  G: number;
  H: number;
  p: SplitParams;
}

/** A random histogram over random features (some copies of others), with the node sums it implies. */
function randomCase(rng: Rng): Case {
  const cols = rng.int(1, 9);
  const nbs = Array.from({ length: cols }, () => (rng.chance(0.2) ? rng.int(1, 3) : rng.int(4, 70)));
  const cutPtr = new Int32Array(cols + 1);
  const slotOffset = new Int32Array(cols + 1);
  for (let f = 0; f < cols; f++) {
    cutPtr[f + 1] = cutPtr[f]! + nbs[f]!;
    slotOffset[f + 1] = slotOffset[f]! + nbs[f]! + 1;
  }
  const cuts = Float32Array.from({ length: cutPtr[cols]! }, (_, i) => i * 0.5);
  const totalSlots = slotOffset[cols]!;
  const index: HistIndex = { rows: 1, cols, cutPtr, cuts, slotOffset, totalSlots, bin: new Uint16Array(0) };
  const hist = new Float64Array(2 * totalSlots);
  const emptyShare = rng.uniform(0, 0.9);
  const missingShare = rng.chance(0.4) ? rng.uniform(0, 0.3) : 0;
  // one node's rows spread over every feature's bins: the same G and H per feature, as a real histogram
  const rows = rng.int(1, 400);
  const g = Array.from({ length: rows }, () => (rng.chance(0.05) ? 0 : rng.normal(0, 1)));
  const h = Array.from({ length: rows }, () => (rng.chance(0.1) ? 1e-16 : rng.uniform(0, 0.25)));
  const firstCopy = cols > 2 && rng.chance(0.3) ? rng.int(1, cols - 1) : cols;
  for (let f = 0; f < cols; f++) {
    const nb = nbs[f]!;
    const off = slotOffset[f]!;
    const src = f >= firstCopy && nbs[f - firstCopy] === nb ? f - firstCopy : -1;
    if (src >= 0) {
      hist.copyWithin(2 * off, 2 * slotOffset[src]!, 2 * (slotOffset[src]! + nb + 1));
      continue;
    }
    for (let r = 0; r < rows; r++) {
      const slot = rng.chance(missingShare) ? nb : rng.chance(emptyShare) ? 0 : rng.int(0, nb - 1);
      hist[2 * (off + slot)] += g[r]!;
      hist[2 * (off + slot) + 1] += h[r]!;
    }
    // a bin emptied by subtraction: no hessian left, a rounding residue of gradient (exaggerated so that adding
    // it would show: the sequential scan skips the bin)
    if (nb > 2 && rng.chance(0.3)) {
      const b = rng.int(1, nb - 1);
      hist[2 * (off + b)] = rng.normal(0, 0.01);
      hist[2 * (off + b) + 1] = 0;
    }
  }
  let G = 0;
  let H = 0;
  for (let r = 0; r < rows; r++) {
    G += g[r]!;
    H += h[r]!;
  }
  const all = Array.from({ length: cols }, (_, f) => f);
  const features = Int32Array.from(rng.chance(0.5) ? all : all.filter(() => rng.chance(0.7)));
  const p: SplitParams = {
    eta: 0.3,
    lambda: Math.fround(rng.pick([0, 1, rng.uniform(0, 5)])),
    alpha: Math.fround(rng.pick([0, 0, rng.uniform(0, 3)])),
    gamma: 0,
    minChildWeight: Math.fround(rng.pick([0, 1, rng.uniform(0, 10), H * rng.uniform(0.2, 0.6)])),
    maxDepth: 6,
  };
  return { index, hist, features, G, H, p };
}

/** Both scans of one case. */
function bothScans(c: Case): [ReturnType<typeof bestHistSplit>, ReturnType<typeof bestHistSplit>] {
  const rootGain = nodeGain(c.G, c.H, c.p);
  const expected = bestHistSplit(c.index, c.hist, c.features, c.G, c.H, rootGain, c.p);
  const ws = new HistWorkspace(c.index);
  ws.setFeatures(c.features);
  const at = ws.take();
  ws.mem.set(c.hist, at);
  return [expected, ws.bestSplit(at, c.G, c.H, rootGain, c.p)];
}

describe('WebAssembly split scan', () => {
  it('returns the TypeScript scan\'s split on 3,000 random histograms', () => {
    const rng = new Rng(7);
    let splits = 0;
    let ties = 0;
    for (let i = 0; i < 3000; i++) {
      const c = randomCase(rng);
      const [expected, got] = bothScans(c);
      expect(got, `case ${i}`).toEqual(expected);
      if (expected) splits++;
      if (expected && c.features.length > 1) {
        // a later copy of the winning feature ties it: the earlier one must win
        const later = Array.from(c.features).indexOf(expected.feature);
        if (later < c.features.length - 1) ties++;
      }
    }
    expect(splits).toBeGreaterThan(2000);
    expect(ties).toBeGreaterThan(100);
  });

  it('keeps the first of two identical features (a tie across the two lanes)', () => {
    const rng = new Rng(11);
    const c = randomCase(rng);
    const cols = 2;
    const nb = 30;
    const slotOffset = Int32Array.from([0, nb + 1, 2 * (nb + 1)]);
    const cutPtr = Int32Array.from([0, nb, 2 * nb]);
    const index: HistIndex = { rows: 1, cols, cutPtr, cuts: new Float32Array(2 * nb), slotOffset, totalSlots: 2 * (nb + 1), bin: new Uint16Array(0) };
    const hist = new Float64Array(2 * index.totalSlots);
    let G = 0;
    let H = 0;
    for (let b = 0; b < nb; b++) {
      const g = rng.normal(0, 1);
      const h = rng.uniform(0.1, 1);
      hist[2 * b] = hist[2 * (nb + 1 + b)] = g;
      hist[2 * b + 1] = hist[2 * (nb + 1 + b) + 1] = h;
      G += g;
      H += h;
    }
    const [expected, got] = bothScans({ ...c, index, hist, features: Int32Array.from([0, 1]), G, H });
    expect(expected?.feature).toBe(0);
    expect(got).toEqual(expected);
  });
});

describe('hist workspace memory', () => {
  it('grows for many histograms, keeps the earlier ones, and says clearly when a level would pass 4 GiB', () => {
    const cols = 64;
    const nb = 255;
    const index: HistIndex = {
      rows: 1,
      cols,
      cutPtr: Int32Array.from({ length: cols + 1 }, (_, f) => f * nb),
      cuts: new Float32Array(cols * nb),
      slotOffset: Int32Array.from({ length: cols + 1 }, (_, f) => f * (nb + 1)),
      totalSlots: cols * (nb + 1),
      bin: new Uint16Array(cols),
    };
    const ws = new HistWorkspace(index);
    ws.setFeatures(Int32Array.from({ length: cols }, (_, f) => f));
    const taken: number[] = [];
    for (let i = 0; i < 40; i++) {
      const at = ws.take();
      ws.mem[at + 7] = i; // a mark per histogram, read back after later growth
      taken.push(at);
    }
    taken.forEach((at, i) => expect(ws.mem[at + 7]).toBe(i));
    // 16,384 features × 65,535 bins: one histogram is 16 GiB
    const huge: HistIndex = { ...index, cols: 1, cutPtr: Int32Array.from([0, 65535]), slotOffset: Int32Array.from([0, 65536]), totalSlots: 65536 * 4096 * 8 };
    const big = new HistWorkspace({ ...huge, cuts: new Float32Array(65535), bin: new Uint16Array(1) });
    expect(() => big.take()).toThrow(/more than 4 GiB of gradient histograms.*lower max_depth or max_bin/);
  });
});
