import { describe, expect, it } from 'vitest';
import { viterbiReleasedFrames } from './end-of-input.js';

/** Back-pointer table (frames × states) from rows of predecessor states. */
function table(rows: number[][]): Int8Array {
  return Int8Array.from(rows.flat());
}

describe('Viterbi frames released before end-of-input', () => {
  it('releases frames once the paths into all states agree, never the newest frame', () => {
    // 3 states. Frame 1: each state keeps its own predecessor (no agreement); frame 2: all come from state 0
    // at frame 1, whose path goes back to state 0 at frame 0 → frames 0 and 1 agree, frame 2 cannot.
    const back = table([[0, 0, 0], [0, 1, 2], [0, 0, 0]]);
    expect(viterbiReleasedFrames(back, 2, 3)).toBe(0);
    expect(viterbiReleasedFrames(back, 3, 3)).toBe(2);
  });

  it('stops at the first index where the paths still differ', () => {
    // Frame 2: states 0 and 1 come from state 0, state 2 from state 2 (whose path goes to state 2 at frame 0).
    const back = table([[0, 0, 0], [0, 1, 2], [0, 0, 2], [0, 0, 0]]);
    expect(viterbiReleasedFrames(back, 3, 3)).toBe(0);
    // Frame 3: everyone from state 0 at frame 2 → path 0,0,0 for frames 0..2.
    expect(viterbiReleasedFrames(back, 4, 3)).toBe(3);
  });

  it('forces out the oldest frame when more than bufferLength frames are unreleased', () => {
    const frames = 10, states = 2;
    const back = new Int8Array(frames * states);
    for (let t = 1; t < frames; t++) { back[t * states] = 0; back[t * states + 1] = 1; } // paths never merge
    expect(viterbiReleasedFrames(back, frames, states, 40)).toBe(0);
    expect(viterbiReleasedFrames(back, frames, states, 4)).toBe(frames - 3);
  });
});
