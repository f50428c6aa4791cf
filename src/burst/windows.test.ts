// Sliding windows (hop 0.25 × window, last one padded) and overlap-weighted segment probabilities.
import { describe, expect, it } from 'vitest';
import { segmentProbabilities, slidingWindows, windowHopSamples, windowSamples } from './windows.js';

describe('slidingWindows', () => {
  it('steps by a quarter window until the end is covered, the last window running past it', () => {
    const hop = windowHopSamples(100);
    expect(hop).toBe(25);
    const spans = slidingWindows(260, 100, hop);
    expect(spans.map((s) => s.startSample)).toEqual([0, 25, 50, 75, 100, 125, 150, 175]);
    expect(spans.at(-1)!.endSample).toBeGreaterThanOrEqual(260);
    expect(slidingWindows(40, 100, 25)).toEqual([{ startSample: 0, endSample: 100 }]);
  });

  it('zero-pads a window past the recording', () => {
    const w = windowSamples(Float32Array.from([1, 2, 3]), { startSample: 1, endSample: 5 });
    expect(Array.from(w)).toEqual([2, 3, 0, 0]);
  });
});

describe('segmentProbabilities', () => {
  const spans = [{ startSample: 0, endSample: 100 }, { startSample: 50, endSample: 150 }, { startSample: 200, endSample: 300 }];
  const probs = Float32Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  it('weights each window by its overlap with the segment', () => {
    const p = segmentProbabilities(spans, probs, 3, 60, 140); // overlaps 40 and 80 samples
    expect(Array.from(p)).toEqual([40 / 120, 80 / 120, 0]);
  });
  it('takes the nearest window when none overlaps', () => {
    expect(Array.from(segmentProbabilities(spans, probs, 3, 170, 195))).toEqual([0, 0, 1]);
  });
});
