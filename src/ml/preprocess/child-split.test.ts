import { describe, expect, it } from 'vitest';
import { capClasses, classCounts, splitChildren, splitRows, uniqueInOrder } from './child-split.js';
import { Rng } from '../../util/random.js';

interface Row {
  readonly child_ID: string;
  readonly Answer: string;
  readonly id: number;
}

const LABELS = ['Canonical', 'Crying', 'Junk', 'Laughing', 'Non-canonical'];

/** `children` children with `perChild` clips each, labels cycling, rows grouped by child. */
function corpus(children: number, perChild: number): Row[] {
  const rows: Row[] = [];
  for (let c = 0; c < children; c++) {
    for (let k = 0; k < perChild; k++) {
      const id = rows.length;
      rows.push({ child_ID: `C${String(c + 1).padStart(3, '0')}`, Answer: LABELS[(c + k) % LABELS.length]!, id });
    }
  }
  return rows;
}

describe('splitChildren', () => {
  it('gives round(train_share·n) children to train and halves the rest, valid taking the odd one', () => {
    const ids = Array.from({ length: 48 }, (_, i) => `C${i}`);
    const s48 = splitChildren(ids, 42, 0.34);
    expect([s48.train.length, s48.valid.length, s48.test.length]).toEqual([16, 16, 16]);
    const s10 = splitChildren(ids.slice(0, 10), 42, 0.34);
    expect([s10.train.length, s10.valid.length, s10.test.length]).toEqual([3, 4, 3]);
    expect(new Set([...s10.train, ...s10.valid, ...s10.test])).toEqual(new Set(ids.slice(0, 10)));
  });

  it('is seeded: the same seed gives the same split, another seed another one', () => {
    const ids = Array.from({ length: 30 }, (_, i) => `C${i}`);
    expect(splitChildren(ids, 7, 0.34)).toEqual(splitChildren(ids, 7, 0.34));
    expect(splitChildren(ids, 8, 0.34).train).not.toEqual(splitChildren(ids, 7, 0.34).train);
  });

  it('shuffles the children in order of first appearance with the seeded Rng', () => {
    const ids = ['B', 'A', 'C', 'D', 'E'];
    const expected = new Rng(3).shuffle([...ids]);
    const s = splitChildren(ids, 3, 0.4);
    expect([...s.train, ...s.valid, ...s.test]).toEqual(expected);
  });

  it('refuses a split that leaves a part without children', () => {
    expect(() => splitChildren(['A', 'B'], 1, 0.34)).toThrow(RangeError);
    expect(() => splitChildren(['A', 'B', 'C'], 1, 0.1)).toThrow(/leaves train without children/);
  });
});

describe('uniqueInOrder', () => {
  it('keeps the order of first appearance', () => {
    expect(uniqueInOrder(['b', 'a', 'b', 'c', 'a'])).toEqual(['b', 'a', 'c']);
  });
});

describe('splitRows', () => {
  it('is child-disjoint and keeps every row without caps, in the original order', () => {
    const rows = corpus(12, 7);
    const splits = splitRows(rows, { seed: 42, trainShare: 0.34 });
    const childSplits = new Map<string, Set<string>>();
    for (const [split, list] of Object.entries(splits)) {
      for (const row of list) childSplits.set(row.child_ID, (childSplits.get(row.child_ID) ?? new Set()).add(split));
      const ids = list.map((r) => r.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    }
    for (const set of childSplits.values()) expect(set.size).toBe(1);
    expect(splits.train.length + splits.valid.length + splits.test.length).toBe(rows.length);
    expect(new Set(splits.train.map((r) => r.child_ID)).size).toBe(4);
  });

  it('honours the class caps per split, seeded, keeping uncapped classes whole', () => {
    const rows = corpus(15, 10);
    const options = { seed: 5, trainShare: 0.34, classCaps: { Junk: 3, Crying: null } };
    const splits = splitRows(rows, options);
    const uncapped = splitRows(rows, { seed: 5, trainShare: 0.34 });
    for (const split of ['train', 'valid', 'test'] as const) {
      const counts = classCounts(splits[split]);
      const full = classCounts(uncapped[split]);
      expect(counts['Junk']).toBe(Math.min(3, full['Junk'] ?? 0));
      for (const label of ['Canonical', 'Crying', 'Laughing', 'Non-canonical']) expect(counts[label]).toBe(full[label]);
      const ids = splits[split].map((r) => r.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    }
    expect(splitRows(rows, options)).toEqual(splits);
  });
});

describe('capClasses', () => {
  it('samples a subset of the capped class and depends on the seed', () => {
    const rows = Array.from({ length: 40 }, (_, id) => ({ child_ID: 'C', Answer: id % 2 === 0 ? 'A' : 'B', id }));
    const a = capClasses(rows, { A: 5 }, new Rng(1));
    const b = capClasses(rows, { A: 5 }, new Rng(2));
    expect(a.filter((r) => r.Answer === 'A')).toHaveLength(5);
    expect(a.filter((r) => r.Answer === 'B')).toHaveLength(20);
    expect(a.map((r) => r.id)).not.toEqual(b.map((r) => r.id));
    expect(capClasses(rows, { A: 100 }, new Rng(1))).toEqual(rows);
  });
});
