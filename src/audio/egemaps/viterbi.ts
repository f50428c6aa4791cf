// Viterbi smoothing of per-frame F0 candidates with an "unvoiced" state (Viterbi 1967), with the costs, the
// 40-frame decision window and the transition-cost state of openSMILE 3.0.2's pitch smoother as configured by
// eGeMAPSv02 (after I. Luengo et al., "Evaluation of pitch detection algorithms under real conditions", ICASSP 2007).
import { CANDIDATES } from './pitch-shs.js';

/** Voicing threshold, as the single-precision value the smoother compares against. */
const VOICING_THRESHOLD = Math.fround(0.7);
const STATES = CANDIDATES + 1;
const UNVOICED = CANDIDATES;
/** Frames the smoother may hold undecided; beyond that the oldest frame is decided from the current best path. */
const WINDOW = 40;
const W_LOCAL = 2, W_THRESHOLD = 4, W_RANGE = 1;
/** Voiced→voiced weights: the configuration asks for 10 and 5, but the smoother uses the first for both. */
const W_JUMP = 10, W_JUMP_CHANGE = 10;
const W_VOICING_CHANGE = 10;
/** Unvoiced→unvoiced transitions fall through every rule of the smoother and get its fallback cost. */
const UU_COST = 1;
const EMPTY_COST = 999;

/** Optional output of viterbiF0. */
export interface ViterbiTrace {
  /** Frames decided before the end of the input. */
  releasedFrames: number;
}

/** Range cost g(f): penalises F0 below 100 Hz and above 350 Hz. */
export function f0RangeCost(hz: number): number {
  if (hz > 0 && hz < 100) return 1 - hz / 100;
  if (hz >= 100 && hz < 350) return 0;
  if (hz >= 350 && hz < 600) return (hz - 350) / 250;
  if (hz >= 600) return 1.2;
  return 2;
}

/** Local cost of each state of one frame (CANDIDATES voiced slots, then unvoiced). */
function localCosts(freq: Float64Array, prob: Float64Array, off: number, out: Float64Array): void {
  let anyVoiced = false;
  for (let i = 0; i < CANDIDATES; i++) {
    const pv = prob[off + i]!;
    if (pv >= VOICING_THRESHOLD) anyVoiced = true;
    const clipped = Math.min(Math.max(pv, 0.01), 1);
    out[i] = (-Math.log(clipped) + (clipped < VOICING_THRESHOLD ? W_THRESHOLD : 0)) * W_LOCAL + f0RangeCost(freq[off + i]!) * W_RANGE;
  }
  out[UNVOICED] = anyVoiced ? W_LOCAL * W_THRESHOLD : 0;
}

/**
 * Chooses one state per frame: returns F0 in Hz per frame (0 = unvoiced). freq/prob hold CANDIDATES values per
 * frame, frame-major (freq in single precision, as the smoother stores it).
 *
 * The smoother keeps, per state, the survivor path over the last WINDOW frames. After each frame, the oldest
 * undecided frames on which all survivors agree are decided; when WINDOW frames are pending, the oldest is decided
 * from the survivor of the currently cheapest state (and from then on every frame is decided that way, WINDOW frames
 * late). At the end the remaining frames follow the cheapest final state. The voiced→voiced cost uses one running
 * "last log-ratio" value shared by all evaluations (current state outer, previous state inner): it is set by each
 * voiced→voiced evaluation between non-empty candidates, reset to 0 by voiced↔unvoiced evaluations, and left
 * alone by unvoiced→unvoiced and empty-candidate evaluations; it starts at 1.
 *
 * `trace.releasedFrames` receives how many frames were decided before the end of the input (the survivors never
 * agree on the newest frame, so at least one stays pending until then). That count is what openSMILE's functionals
 * see of the F0-synchronous contours: they read their input at the first end-of-input pass, when only the frames
 * released so far (and one flushed successor, used as the smoothing neighbour of the last) have arrived, and the
 * jitter component, which does not run at the end of input, stops the voice-quality contours at the same frame.
 */
export function viterbiF0(freq: Float64Array, prob: Float64Array, frames: number, trace?: ViterbiTrace): Float64Array {
  const f0 = new Float64Array(frames);
  if (frames === 0) return f0;
  const decided = new Int8Array(frames);
  let cost = new Float64Array(STATES), next = new Float64Array(STATES);
  const local = new Float64Array(STATES);
  // Survivor paths: paths[s * WINDOW + (t % WINDOW)] = state at frame t on the survivor ending in state s.
  let paths = new Int8Array(STATES * WINDOW), nextPaths = new Int8Array(STATES * WINDOW);
  localCosts(freq, prob, 0, cost);
  for (let s = 0; s < STATES; s++) paths[s * WINDOW] = s;
  let lastChange = 1;
  let done = -1; // last decided frame
  const cheapest = (c: Float64Array): number => {
    let m = 0;
    for (let s = 1; s < STATES; s++) if (c[s]! < c[m]!) m = s;
    return m;
  };
  for (let t = 0; t < frames; t++) {
    if (t > 0) {
      localCosts(freq, prob, t * CANDIDATES, local);
      const cur = t * CANDIDATES, prev = (t - 1) * CANDIDATES;
      for (let j = 0; j < STATES; j++) {
        let best = 0, bestCost = Infinity;
        for (let i = 0; i < STATES; i++) {
          let trans: number;
          if (j === UNVOICED && i === UNVOICED) trans = UU_COST;
          else if (j === UNVOICED || i === UNVOICED) { trans = W_VOICING_CHANGE; lastChange = 0; }
          else {
            const fPrev = freq[prev + i]!, fNow = freq[cur + j]!;
            if (fPrev === 0 || fNow === 0) trans = EMPTY_COST;
            else {
              const r = Math.log(Math.fround(fNow / fPrev));
              trans = W_JUMP * Math.abs(r) + W_JUMP_CHANGE * Math.abs(r - lastChange);
              lastChange = r;
            }
          }
          const c = cost[i]! + trans;
          if (i === 0 || c < bestCost) { bestCost = c; best = i; }
        }
        next[j] = bestCost + local[j]!;
        nextPaths.set(paths.subarray(best * WINDOW, (best + 1) * WINDOW), j * WINDOW);
        nextPaths[j * WINDOW + (t % WINDOW)] = j;
      }
      [cost, next] = [next, cost];
      [paths, nextPaths] = [nextPaths, paths];
    }
    if (t + 1 - done > WINDOW) {
      done++;
      decided[done] = paths[cheapest(cost) * WINDOW + (done % WINDOW)]!;
    } else {
      while (done < t) {
        const n = done + 1, x = paths[n % WINDOW]!;
        let agree = true;
        for (let s = 1; s < STATES && agree; s++) if (paths[s * WINDOW + (n % WINDOW)] !== x) agree = false;
        if (!agree) break;
        done = n;
        decided[n] = x;
      }
    }
  }
  if (trace !== undefined) trace.releasedFrames = done + 1;
  const last = cheapest(cost);
  for (let n = done + 1; n < frames; n++) decided[n] = paths[last * WINDOW + (n % WINDOW)]!;
  for (let t = 0; t < frames; t++) {
    const s = decided[t]!;
    f0[t] = s === UNVOICED ? 0 : freq[t * CANDIDATES + s]!;
  }
  return f0;
}
