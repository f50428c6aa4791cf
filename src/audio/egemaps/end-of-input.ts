// How many frames openSMILE's functionals see at the end of the input (eGeMAPSv02 configuration), derived from
// how openSMILE runs its components (read in its source; our own description and implementation):
//
// openSMILE ticks all components in configuration order until none can make progress, then sets end-of-input
// (EOI) and ticks again. The functionals (frameMode = full) read their whole input level at the first EOI tick in
// which it holds data, so frames that reach a level only during the EOI ticks are missed, except those produced
// earlier in that same first tick by components that precede the functional.
//
// The F0 smoother (cPitchSmootherViterbi, bufferLength 40) releases frame t only once the best paths into all
// states agree up to t ("converged"); the paths into different final states always differ in the newest frame, so
// at least one frame stays buffered until EOI, when the trellis is flushed. Per-frame components downstream pass
// one frame per tick, so in the first EOI tick exactly one flushed frame reaches the F0 level
// (lld_single_logF0) before the F0 smoother (sma3nz, which then smooths the last converged frame with its real
// successor) and the F0 functionals run: they see the E converged frames. cPitchJitter does not run at EOI, so the
// jitter/shimmer level — and with it every voice-quality level read together with it — also ends after E frames,
// and its smoother repeats the last frame at the edge. Stream-B levels are complete before EOI (their smoothers
// repeat the last frame at the edge).

/**
 * Frames the Viterbi F0 smoother has released before end-of-input: the incremental convergence point of the
 * trellis (openSMILE's convIdx + 1) after all `frames` frames were added, with a forced release of the oldest
 * buffered frame whenever more than `bufferLength` frames are unreleased.
 * `back[t * states + s]` is the best predecessor state (at t − 1) of state s at frame t.
 */
export function viterbiReleasedFrames(back: Int8Array, frames: number, states: number, bufferLength = 40): number {
  let released = 0; // frames 0 … released − 1 are released
  const trail = new Int8Array(states * (bufferLength + 1));
  for (let t = 0; t < frames; t++) {
    if (t + 2 - released > bufferLength) { released++; continue; }
    // Trace each state's path back to the oldest unreleased frame; trail[s * (L+1) + (u − released)].
    const span = t - released + 1;
    for (let s = 0; s < states; s++) {
      let st = s;
      for (let u = t; u >= released; u--) {
        trail[s * (bufferLength + 1) + (u - released)] = st;
        if (u > 0) st = back[u * states + st]!;
      }
    }
    let agreed = 0;
    while (agreed < span) {
      const x = trail[agreed]!;
      let same = true;
      for (let s = 1; s < states && same; s++) same = trail[s * (bufferLength + 1) + agreed] === x;
      if (!same) break;
      agreed++;
    }
    released += agreed;
  }
  return released;
}
