import { describe, expect, test } from 'vitest';
import { cohenKappa } from './cohen-kappa.js';

const ratings = (pairs: [string, string, number][]): [string[], string[]] => {
  const a: string[] = [];
  const b: string[] = [];
  for (const [x, y, count] of pairs) for (let i = 0; i < count; i++) a.push(x), b.push(y);
  return [a, b];
};

describe('cohenKappa', () => {
  test("Wikipedia's worked example (50 proposals, 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no) gives 0.4", () => {
    const [a, b] = ratings([['yes', 'yes', 20], ['yes', 'no', 5], ['no', 'yes', 10], ['no', 'no', 15]]);
    expect(cohenKappa(a, b)).toBeCloseTo(0.4, 12);
  });

  test('perfect agreement is 1, agreement at chance level 0, symmetric in the raters', () => {
    expect(cohenKappa(['a', 'b', 'c'], ['a', 'b', 'c'])).toBe(1);
    const [a, b] = ratings([['x', 'x', 1], ['x', 'y', 1], ['y', 'x', 1], ['y', 'y', 1]]);
    expect(cohenKappa(a, b)).toBe(0);
    const [c, d] = ratings([['b', 'b', 7], ['b', 'h', 2], ['h', 'mb', 3], ['mb', 'mb', 4], ['h', 'h', 1]]);
    expect(cohenKappa(c, d)).toBeCloseTo(cohenKappa(d, c)!, 12);
  });

  test('undefined cases: no items, or one category for both raters', () => {
    expect(cohenKappa([], [])).toBeNull();
    expect(cohenKappa(['a', 'a'], ['a', 'a'])).toBeNull();
    expect(() => cohenKappa(['a'], [])).toThrow(RangeError);
  });
});
