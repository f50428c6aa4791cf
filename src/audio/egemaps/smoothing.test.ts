import { describe, expect, it } from 'vitest';
import { sma3, sma3nz } from './smoothing.js';
import { sma3nzEndOfInput } from './lld.js';

describe('smoothing', () => {
  it('sma3 averages three frames and repeats the edges', () => {
    expect([...sma3(Float64Array.from([3, 6, 9, 3]))]).toEqual([4, 6, 6, 5]);
  });

  it('sma3nz keeps zeros and averages non-zero frames with non-zero neighbours only', () => {
    const y = sma3nz(Float64Array.from([0, 3, 6, 0, 9, 0, 0, 2, 4]));
    expect([...y]).toEqual([0, 4.5, 4.5, 0, 9, 0, 0, 3, Math.fround(10 / 3)]);
  });

  it('sma3nz adds the frame, then its left, then its right neighbour, rounding each step to single precision', () => {
    // In float32, 2^24 + 1 is not representable: (2^24 + 1) + 1 rounds to 2^24 before the second 1 is added,
    // whereas exact arithmetic (or any other order) would give 2^24 + 2.
    const big = 2 ** 24;
    const y = sma3nz(Float64Array.from([1, big, 1]));
    expect(y[1]).toBe(Math.fround(big / 3));
    expect(y[1]).not.toBe(Math.fround((big + 2) / 3));
  });

  it('sma3nz repeats a non-zero edge frame like sma3', () => {
    expect(sma3nz(Float64Array.from([3, 6]))[0]).toBe(4);
  });
});

describe('sma3nz at the end of input (successor: self)', () => {
  it('replaces each frame\'s successor by the frame itself', () => {
    const y = sma3nz(Float64Array.from([3, 6, 0, 9, 12]), 'self');
    expect([...y]).toEqual([3, 5, 0, 9, 11]);
  });
});

describe('sma3nzEndOfInput', () => {
  it('smooths the first m frames alone, repeats their last frame, then continues with the rest', () => {
    const x = Float64Array.from([3, 6, 9, 12, 0, 6]);
    // m = 4: rows 0..3 from [3, 6, 9, 12] (edge repeated), row 4 = 12 alone, row 5 = window of frame 5 (0, 6, 6),
    // row 6 = the last frame alone.
    expect([...sma3nzEndOfInput(x, 6, 4)]).toEqual([4, 6, 9, 11, 12, 6, 6]);
  });

  it('with m = all frames is sma3nz followed by the last frame', () => {
    const x = Float64Array.from([3, 6, 9]);
    expect([...sma3nzEndOfInput(x, 3, 3)]).toEqual([...sma3nz(x), 9]);
  });
});
