// Training is seeded and deterministic (same data and options → byte-identical weights), keeps the best validation
// epoch, and augments only training segments (the inputs are never modified).
import { describe, expect, it } from 'vitest';
import { Rng } from '../../util/random.js';
import { augmentSegment } from '../augment.js';
import type { SegmentSet } from './segment-set.js';
import { trainSmallCnn, type TrainSmallCnnOptions } from './train-small-cnn.js';

function toySet(n: number, seed: number): SegmentSet {
  const rng = new Rng(seed);
  const samples: Float32Array[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const cls = i % 3;
    const s = new Float32Array(4410); // 0.2 s
    for (let j = 0; j < s.length; j++) s[j] = 0.01 * rng.normal() + (cls === 2 ? 0.3 * Math.sin(j * 0.12) : cls === 1 && j % 1500 < 60 ? rng.normal() : j < 60 ? rng.normal() : 0);
    samples.push(s);
    labels.push(cls);
  }
  return { samples, labels: Int32Array.from(labels), refs: samples.map((_, i) => ({ recording: `r${i}`, startS: 0, endS: 0.2, line: i + 1 })) };
}

const options: TrainSmallCnnOptions = { epochs: 3, batchSize: 8, learningRate: 1e-3, seed: 5, augment: true, selectBy: 'accuracy', dropout: 0.3, threads: 1 };

const bytesOf = (state: Awaited<ReturnType<typeof trainSmallCnn>>['state']): Uint8Array[] =>
  [...state.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, t]) => new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));

describe('trainSmallCnn', () => {
  it('gives byte-identical weights for the same seed, different ones for another seed, and keeps the best epoch', async () => {
    const train = toySet(24, 1);
    const val = toySet(9, 2);
    const trainCopy = train.samples.map((s) => s.slice());
    const logs: number[] = [];
    const a = await trainSmallCnn(train, val, { ...options, onEpoch: (e) => logs.push(e.epoch) });
    const b = await trainSmallCnn(train, val, options);
    const c = await trainSmallCnn(train, val, { ...options, seed: 6 });
    expect(bytesOf(a.state)).toEqual(bytesOf(b.state));
    expect(bytesOf(a.state)).not.toEqual(bytesOf(c.state));
    expect(logs).toEqual([1, 2, 3]);
    const best = Math.max(...a.log.map((e) => e.val_accuracy!));
    expect(a.log[a.bestEpoch - 1]!.val_accuracy).toBe(best);
    expect(a.log.findIndex((e) => e.val_accuracy === best)).toBe(a.bestEpoch - 1); // the first best epoch
    train.samples.forEach((s, i) => expect(s).toEqual(trainCopy[i]));
  }, 120_000);
});

describe('augmentSegment', () => {
  it('rolls by at most 10 % and adds σ 0.005 noise, seeded, without touching the input', () => {
    const x = Float32Array.from({ length: 1000 }, (_, i) => (i === 500 ? 1 : 0));
    const shifts = new Set<number>();
    for (let seed = 0; seed < 50; seed++) {
      const y = augmentSegment(x, new Rng(seed), { noiseProbability: 0 });
      const peak = y.indexOf(1);
      expect(Math.abs(peak - 500)).toBeLessThanOrEqual(100);
      shifts.add(peak - 500);
    }
    expect(shifts.size).toBeGreaterThan(5);
    expect(x[500]).toBe(1);
    const noisy = augmentSegment(new Float32Array(20000), new Rng(1), { rollProbability: 0, noiseProbability: 1 });
    const sd = Math.sqrt(noisy.reduce((s, v) => s + v * v, 0) / noisy.length);
    expect(sd).toBeGreaterThan(0.0045);
    expect(sd).toBeLessThan(0.0055);
    expect(augmentSegment(x, new Rng(3))).toEqual(augmentSegment(x, new Rng(3)));
  });
});
