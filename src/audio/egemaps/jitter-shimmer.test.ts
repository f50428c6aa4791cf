import { describe, expect, it } from 'vitest';
import { jitterShimmer, periodState } from './jitter-shimmer.js';

const FS = 16000, HOP = 160, FRAME = 960;

/** Periods of the given lengths, each a 60-sample raised-cosine pulse of the given amplitude followed by silence. */
function periods(lengths: number[], amplitudes: number[]): Float32Array {
  const total = lengths.reduce((a, b) => a + b, 0);
  const x = new Float32Array(total);
  let p = 0;
  lengths.forEach((L, k) => {
    const w = Math.min(60, L);
    for (let i = 0; i < w; i++) x[p + i] = amplitudes[k]! * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / w));
    p += L;
  });
  return x;
}

/** Runs the tracker over all frames that fit, with one F0 for every frame. */
function track(x: Float32Array, f0: number | ((t: number) => number)): [number, number][] {
  const state = periodState();
  const out: [number, number][] = [];
  for (let t = 0; t * HOP + FRAME <= x.length; t++) {
    out.push(jitterShimmer(x, HOP, FRAME, typeof f0 === 'number' ? f0 : f0(t), FS, state));
  }
  return out;
}

describe('jitterShimmer', () => {
  it('gives ~0 jitter and shimmer for a strictly periodic signal', () => {
    const x = periods(new Array<number>(120).fill(80), new Array<number>(120).fill(0.5));
    const r = track(x, 200);
    for (const [j, s] of r.slice(1)) {
      expect(j).toBeLessThan(1e-3);
      expect(s).toBeLessThan(0.01);
    }
  });

  it('measures alternating period lengths and amplitudes', () => {
    const n = 200;
    const lengths = Array.from({ length: n }, (_, k) => (k % 2 === 0 ? 100 : 104));
    const amps = Array.from({ length: n }, (_, k) => (k % 2 === 0 ? 1 : 0.8));
    const r = track(periods(lengths, amps), FS / 102);
    // jitter = mean |T_k − T_{k−1}| / mean T ≈ 4 / 102; shimmer = 20·log10(1 + 0.2 / 0.9) dB.
    const later = r.slice(2);
    const jit = later.reduce((a, v) => a + v[0], 0) / later.length;
    const shim = later.reduce((a, v) => a + v[1], 0) / later.length;
    expect(jit).toBeGreaterThan(0.03);
    expect(jit).toBeLessThan(0.05);
    expect(shim).toBeCloseTo(20 * Math.log10(1 + 0.2 / 0.9), 1);
  });

  it('returns zeros for unvoiced frames and forgets the carried period there', () => {
    const x = periods(new Array<number>(120).fill(80), new Array<number>(120).fill(0.5));
    const r = track(x, (t) => (t === 3 ? 0 : 200));
    expect(r[3]).toEqual([0, 0]);
    // The first voiced frame after an unvoiced one has no previous period: its jitter is 0 when it holds one period.
    const state = periodState();
    const first = jitterShimmer(x, HOP, FRAME, 200, FS, state);
    expect(first[0]).toBe(0);
  });

  it('repeats the previous values in a voiced frame without any period', () => {
    const x = new Float32Array(4000);
    x.set(periods(new Array<number>(20).fill(80), Array.from({ length: 20 }, (_, k) => (k % 2 === 0 ? 0.5 : 0.4))));
    const state = periodState();
    let last: [number, number] = [0, 0];
    for (let t = 0; t * HOP + FRAME <= x.length; t++) {
      const r = jitterShimmer(x, HOP, FRAME, 200, FS, state);
      if (t * HOP > 1800) expect(r).toEqual(last);
      last = r;
    }
    expect(last[1]).toBeGreaterThan(0);
  });
});
