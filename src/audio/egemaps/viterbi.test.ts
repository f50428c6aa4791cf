import { describe, expect, it } from 'vitest';
import { CANDIDATES } from './pitch-shs.js';
import { f0RangeCost, viterbiF0 } from './viterbi.js';

/** Frame-major candidate arrays from per-frame [Hz, probability] lists. */
function track(frames: [number, number][][]): { freq: Float64Array; prob: Float64Array } {
  const freq = new Float64Array(frames.length * CANDIDATES), prob = new Float64Array(frames.length * CANDIDATES);
  frames.forEach((cands, t) => cands.forEach(([f, p], j) => { freq[t * CANDIDATES + j] = Math.fround(f); prob[t * CANDIDATES + j] = Math.fround(p); }));
  return { freq, prob };
}

describe('Viterbi F0 smoothing', () => {
  it('penalises frequencies outside 100..350 Hz', () => {
    expect(f0RangeCost(200)).toBe(0);
    expect(f0RangeCost(50)).toBeCloseTo(0.5, 12);
    expect(f0RangeCost(475)).toBeCloseTo(0.5, 12);
    expect(f0RangeCost(800)).toBe(1.2);
    expect(f0RangeCost(0)).toBe(2);
  });

  it('follows a continuous track through a frame whose best candidate is an octave error', () => {
    const frames: [number, number][][] = [];
    for (let t = 0; t < 60; t++) frames.push(t === 30 ? [[400, 0.85], [200, 0.8]] : [[200, 0.85], [400, 0.75]]);
    const { freq, prob } = track(frames);
    const f0 = viterbiF0(freq, prob, frames.length);
    for (let t = 0; t < frames.length; t++) expect(f0[t]).toBe(Math.fround(200));
  });

  it('is unvoiced where no candidate reaches the voicing threshold and voiced where one does', () => {
    const frames: [number, number][][] = [];
    for (let t = 0; t < 90; t++) frames.push(t >= 20 && t < 70 ? [[150, 0.9]] : [[150, 0.3]]);
    const { freq, prob } = track(frames);
    const f0 = viterbiF0(freq, prob, frames.length);
    for (let t = 0; t < frames.length; t++) expect(f0[t]! > 0, `frame ${t}`).toBe(t >= 20 && t < 70);
  });
});

describe('Viterbi frames released before the end of the input', () => {
  it('releases all but the newest frames once the survivors agree', () => {
    const frames: [number, number][][] = [];
    for (let t = 0; t < 30; t++) frames.push([[200, 0.9], [400, 0.75]]);
    const { freq, prob } = track(frames);
    const trace = { releasedFrames: -1 };
    viterbiF0(freq, prob, frames.length, trace);
    // The survivors never agree on the newest frame (each state's survivor ends in that state); here they also
    // differ on the one before, where the empty candidate slots' survivors took other predecessors.
    expect(trace.releasedFrames).toBeGreaterThanOrEqual(frames.length - 2);
    expect(trace.releasedFrames).toBeLessThan(frames.length);
  });

  it('forces the oldest frame out once 40 frames are pending, so a long undecided stretch still releases', () => {
    // Two equally good, never-merging tracks (the same probability at an octave's distance in the 100–350 Hz
    // band, where the range cost is 0): the survivors into the two states never agree.
    const frames: [number, number][][] = [];
    for (let t = 0; t < 100; t++) frames.push([[150, 0.9], [300, 0.9]]);
    const { freq, prob } = track(frames);
    const trace = { releasedFrames: -1 };
    viterbiF0(freq, prob, frames.length, trace);
    expect(trace.releasedFrames).toBeGreaterThan(frames.length - 41);
    expect(trace.releasedFrames).toBeLessThan(frames.length);
    const short = track(frames.slice(0, 3));
    const t3 = { releasedFrames: -1 };
    viterbiF0(short.freq, short.prob, 3, t3);
    expect(t3.releasedFrames).toBeLessThan(3);
  });
});
