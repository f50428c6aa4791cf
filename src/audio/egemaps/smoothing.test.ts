import { describe, expect, it } from 'vitest';
import { sma3, sma3nz } from './smoothing.js';

describe('smoothing', () => {
  it('sma3 averages three frames and repeats the edges', () => {
    expect([...sma3(Float64Array.from([3, 6, 9, 3]))]).toEqual([4, 6, 6, 5]);
  });

  it('sma3nz keeps zeros and averages non-zero frames with non-zero neighbours only', () => {
    const y = sma3nz(Float64Array.from([0, 3, 6, 0, 9, 0, 0, 2, 4]));
    expect([...y]).toEqual([0, 4.5, 4.5, 0, 9, 0, 0, 3, (4 + 4 + 2) / 3]);
  });

  it('sma3nz repeats a non-zero edge frame like sma3', () => {
    expect(sma3nz(Float64Array.from([3, 6]))[0]).toBe(4);
  });
});
