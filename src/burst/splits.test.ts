// Splits by recording: disjoint, seeded, every class in training; impossible splits fail naming the recordings.
import { describe, expect, it } from 'vitest';
import { BurstError } from './burst-error.js';
import { splitRecordings, type RecordingCounts } from './splits.js';

const recs: RecordingCounts[] = Array.from({ length: 10 }, (_, i) => ({ id: `r${i}`, counts: [3, 2, i % 3 === 0 ? 1 : 0] }));
const base = { testShare: 0.2, folds: 4, valShare: 0.25, seed: 42 } as const;

describe('splitRecordings', () => {
  it('holds out whole recordings and builds k folds whose validation parts partition the training recordings', () => {
    const s = splitRecordings(recs, { ...base, cv: 'kfold' });
    expect(s.test).toHaveLength(2);
    expect(s.train.filter((id) => s.test.includes(id))).toEqual([]);
    expect(s.folds).toHaveLength(4);
    expect(s.folds.flatMap((f) => f.val).sort()).toEqual([...s.train].sort());
    for (const f of s.folds) expect(f.train.filter((id) => f.val.includes(id))).toEqual([]);
    expect(splitRecordings(recs, { ...base, cv: 'kfold' })).toEqual(s); // seeded
  });

  it('leaves one recording out per fold (lofo) and keeps a validation share with none', () => {
    const lofo = splitRecordings(recs, { ...base, cv: 'lofo' });
    expect(lofo.folds.map((f) => f.val.length)).toEqual(lofo.train.map(() => 1));
    const none = splitRecordings(recs, { ...base, cv: 'none' });
    expect(none.folds).toHaveLength(1);
    expect(none.folds[0]!.val.length).toBe(2);
  });

  it('fails on a class without examples, an empty split and a fold without validation data', () => {
    const noH = recs.map((r) => ({ ...r, counts: [r.counts[0]!, r.counts[1]!, 0] }));
    expect(() => splitRecordings(noH, { ...base, cv: 'kfold' })).toThrow(/class 'h' has no examples in the dataset/);
    expect(() => splitRecordings(recs.slice(0, 1), { ...base, cv: 'kfold' })).toThrow(/test split: 1 recording \(r0\) cannot give/);
    const withEmpty = [...recs, { id: 'silent', counts: [0, 0, 0] }];
    const run = (): unknown => splitRecordings(withEmpty, { ...base, testShare: 0.1, cv: 'lofo' });
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(BurstError);
      expect((error as BurstError).message).toMatch(/fold \d+ has no validation data \(validation recordings: silent, 0 labelled segments\)/);
      return;
    }
    // the seeded test split may have taken 'silent': then the training recordings hold no empty one
    expect(splitRecordings(withEmpty, { ...base, testShare: 0.1, cv: 'lofo' }).test).toContain('silent');
  });

  it('refuses more folds than training recordings, naming them', () => {
    expect(() => splitRecordings(recs.slice(0, 4), { ...base, cv: 'kfold', folds: 5 })).toThrow(/cv kfold with 5 folds needs at least 5 training recordings, the training split has 3/);
  });
});
