// Chunking rules of the study (0.4 s chunks, last kept if ≥ 0.2 s) and of sliding windows.
import { describe, expect, it } from 'vitest';
import { chunkSpans } from './chunk-spans.js';

const seconds = (length: number, options = {}): number[][] => chunkSpans(length, 1000, options).map((s) => [s.startS, s.endS]);

describe('chunkSpans', () => {
  it('leaves clips of one window or less whole', () => {
    expect(seconds(400)).toEqual([]);
    expect(seconds(100)).toEqual([]);
  });

  it('cuts 0.4 s chunks and keeps a last chunk of at least 0.2 s', () => {
    expect(seconds(1000)).toEqual([[0, 0.4], [0.4, 0.8], [0.8, 1]]);
    expect(seconds(999)).toEqual([[0, 0.4], [0.4, 0.8]]);
    expect(seconds(800)).toEqual([[0, 0.4], [0.4, 0.8]]);
    expect(seconds(500)).toEqual([[0, 0.4]]);
  });

  it('slides overlapping windows, adding a last partial window only past the previous one', () => {
    expect(seconds(1000, { windowS: 0.4, hopS: 0.2, minLastS: 0.2 })).toEqual([[0, 0.4], [0.2, 0.6], [0.4, 0.8], [0.6, 1]]);
    expect(seconds(1100, { windowS: 0.4, hopS: 0.2, minLastS: 0.2 })).toEqual([[0, 0.4], [0.2, 0.6], [0.4, 0.8], [0.6, 1], [0.8, 1.1]]);
  });

  it('rejects non-positive windows', () => {
    expect(() => chunkSpans(10, 1000, { windowS: 0 })).toThrow(RangeError);
  });
});
