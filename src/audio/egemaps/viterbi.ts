// Viterbi smoothing of per-frame F0 candidates with an "unvoiced" state (Viterbi 1967; openSMILE's pitch
// smoother costs as described in spec egemaps.md §3.2).
import { CANDIDATES } from './pitch-shs.js';
import { viterbiReleasedFrames } from './end-of-input.js';

const VOICING_THRESHOLD = 0.7;
const STATES = CANDIDATES + 1;
const UNVOICED = CANDIDATES;

/** Range cost g(f): penalises F0 below 100 Hz and above 350 Hz. */
export function f0RangeCost(hz: number): number {
  if (hz <= 0) return 2;
  if (hz < 100) return 1 - hz / 100;
  if (hz <= 350) return 0;
  if (hz < 600) return (hz - 350) / 250;
  return 1.2;
}

/** Local cost of each state of one frame (CANDIDATES voiced slots, then unvoiced). */
function localCosts(freq: Float64Array, prob: Float64Array, off: number, out: Float64Array): void {
  let anyVoiced = false;
  for (let i = 0; i < CANDIDATES; i++) {
    const pv = prob[off + i]!;
    if (pv >= VOICING_THRESHOLD) anyVoiced = true;
    const clipped = Math.min(Math.max(pv, 0.01), 1);
    out[i] = (-Math.log(clipped) + (pv < VOICING_THRESHOLD ? 4 : 0)) * 2 + f0RangeCost(freq[off + i]!);
  }
  out[UNVOICED] = anyVoiced ? 8 : 0;
}

/** Optional output of viterbiF0: frames released before end-of-input (see end-of-input.ts). */
export interface ViterbiTrace {
  releasedFrames: number;
}

/**
 * Chooses one state per frame over the whole sequence: returns F0 in Hz per frame (0 = unvoiced).
 * freq/prob hold CANDIDATES values per frame, frame-major.
 */
export function viterbiF0(freq: Float64Array, prob: Float64Array, frames: number, trace?: ViterbiTrace): Float64Array {
  const f0 = new Float64Array(frames);
  if (frames === 0) return f0;
  const cost = new Float64Array(STATES), prevCost = new Float64Array(STATES), local = new Float64Array(STATES);
  const back = new Int8Array(frames * STATES);
  localCosts(freq, prob, 0, prevCost);
  let lastChange = 0;
  for (let t = 1; t < frames; t++) {
    localCosts(freq, prob, t * CANDIDATES, local);
    cost.fill(Infinity);
    // Evaluation order matters: `lastChange` is one running value, set by every evaluated transition
    // (0 for transitions involving "unvoiced" or an empty slot) — openSMILE's behaviour, spec §3.2.
    for (let j = 0; j < STATES; j++) {
      for (let i = 0; i < STATES; i++) {
        const fPrev = i === UNVOICED ? -1 : freq[(t - 1) * CANDIDATES + i]!;
        const fNow = j === UNVOICED ? -1 : freq[t * CANDIDATES + j]!;
        let trans: number;
        if (j === UNVOICED && i === UNVOICED) { trans = 1; lastChange = 0; }
        else if (j === UNVOICED || i === UNVOICED) { trans = 10; lastChange = 0; }
        else if (fNow <= 0 || fPrev <= 0) { trans = 999; lastChange = 0; }
        else {
          const r = Math.log(fNow / fPrev);
          trans = 10 * Math.abs(r) + 10 * Math.abs(r - lastChange);
          lastChange = r;
        }
        const c = prevCost[i]! + trans;
        if (c < cost[j]!) { cost[j] = c; back[t * STATES + j] = i; }
      }
    }
    for (let j = 0; j < STATES; j++) cost[j] = cost[j]! + local[j]!;
    prevCost.set(cost);
  }
  if (trace !== undefined) trace.releasedFrames = viterbiReleasedFrames(back, frames, STATES);
  let state = 0;
  for (let j = 1; j < STATES; j++) if (prevCost[j]! < prevCost[state]!) state = j;
  for (let t = frames - 1; t >= 0; t--) {
    f0[t] = state === UNVOICED ? 0 : freq[t * CANDIDATES + state]!;
    if (t > 0) state = back[t * STATES + state]!;
  }
  return f0;
}
