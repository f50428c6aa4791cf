// The 88 eGeMAPSv02 functionals from the raw LLD streams (docs/egemaps.md; order as EGEMAPS_FUNCTIONAL_NAMES).
import type { StreamA } from './stream-a.js';
import type { StreamB } from './stream-b.js';
import { f0Semitone } from './lld.js';
import { sma3, sma3nz } from './smoothing.js';
import { amean, nonZero, percentileSorted, stddevNorm } from './statistics.js';
import { contourSlopes } from './slopes.js';
import { segmentStats } from './segments.js';

/** Number of functionals. */
export const FUNCTIONAL_COUNT = 88;

/** amean, stddevNorm, percentiles 20/50/80, range 20–80 and the four slope statistics of a contour. */
function tenFunctionals(x: Float64Array, out: number[]): { peaks: number } {
  const sorted = Float64Array.from(x).sort();
  const p20 = percentileSorted(sorted, 0.2), p80 = percentileSorted(sorted, 0.8);
  const s = contourSlopes(x);
  out.push(amean(x), stddevNorm(x), p20, percentileSorted(sorted, 0.5), p80, Math.abs(p80 - p20),
    s.meanRising, s.stddevRising, s.meanFalling, s.stddevFalling);
  return { peaks: s.peaks };
}

/** The first f0.length values of x, zeroed where the frame's voicing differs from `voiced`. */
function gated(x: Float64Array, f0: Float64Array, voiced: boolean): Float64Array {
  const y = new Float64Array(f0.length);
  for (let t = 0; t < f0.length; t++) if ((f0[t]! > 0) === voiced) y[t] = x[t]!;
  return y;
}

/**
 * Non-zero values among the first m frames of the sma3nz-smoothed contour. `smoothFirst`: the level held the
 * frame after the m-th when its smoother ran, so the m-th frame is smoothed with its real successor; otherwise the
 * level ended after m frames and the smoother repeated the last frame at the edge (see viterbiF0 on frames released before the end of input).
 */
function voicedValues(x: Float64Array, m: number, smoothFirst: boolean): Float64Array {
  return nonZero(smoothFirst ? sma3nz(x).subarray(0, m) : sma3nz(x.subarray(0, m)));
}

/**
 * Frames of the F0-synchronous levels (voice quality, formants, spectral V/UV) that form the first block at the end
 * of input: the frames the Viterbi smoother released before it; with nothing released, every frame arrives in the
 * same later pass (the functionals reading those levels then see all of them, and the LLD smoother flushes them
 * as one block).
 */
export function endOfInputBlock(released: number, frames: number): number {
  return released >= 1 ? Math.min(released, frames) : frames;
}

/** Functional inputs: the raw streams and how many F0 frames the Viterbi smoother released before end-of-input. */
export interface FunctionalInputs {
  readonly a: StreamA;
  readonly b: StreamB;
  /** F0 frames released before end-of-input (StreamA.f0ReleasedFrames; see viterbiF0). */
  readonly voicedFrames: number;
}

/** Computes the 88 functionals (the last, equivalentSoundLevel_dBp, is left 0 for the caller). */
export function egemapsFunctionals({ a, b, voicedFrames: released }: FunctionalInputs): Float64Array {
  const out: number[] = [];
  const f0 = a.f0Hz;
  const semitone = f0.map(f0Semitone);
  // F0 level: the released frames, the last smoothed with the frame flushed in the first EOI tick. With nothing
  // released, only that one flushed frame arrives before the F0 functionals run (smoothed against itself).
  const mF0 = Math.max(1, Math.min(released, f0.length));
  const f0Contour = released >= 1 ? sma3nz(semitone).subarray(0, mF0) : sma3nz(semitone.subarray(0, mF0));
  tenFunctionals(nonZero(f0Contour), out);
  const loud = tenFunctionals(sma3(b.loudness), out);
  for (const x of [b.flux, ...b.mfcc]) {
    const y = sma3(x);
    out.push(amean(y), stddevNorm(y));
  }
  const voicedLlds: Float64Array[] = [a.jitter, a.shimmer, a.hnr, a.h1h2, a.h1a3];
  for (let i = 0; i < 3; i++) {
    voicedLlds.push(gated(b.formantHz[i]!, f0, true), gated(b.bandwidthHz[i]!, f0, true), a.formantAmplitude[i]!);
  }
  const m = endOfInputBlock(released, f0.length);
  for (const x of voicedLlds) {
    const y = voicedValues(x, m, false);
    out.push(amean(y), stddevNorm(y));
  }
  // Spectral V/UV levels: gated by the F0 level frame by frame. With frames released, the chain has smoothed them
  // before end of input and the first EOI tick brings the next frame as the last one's successor. With nothing
  // released, every F0 frame passes the chain at end of input, one per tick, so the smoother handles each frame
  // before its successor exists (sma3nz with successor 'self'); the unvoiced functional reads its level in the first of those
  // ticks (one frame), the voiced one only together with the voice-quality level (all m frames).
  const spectral = [b.alphaRatio, b.hammarberg, b.slope0500, b.slope5001500, b.flux, ...b.mfcc];
  const spectralValues = (x: Float64Array, voiced: boolean): Float64Array => {
    const g = gated(x, f0, voiced);
    if (released >= 1) return voicedValues(g, m, true);
    return nonZero(sma3nz(g.subarray(0, voiced ? m : 1), 'self'));
  };
  for (const x of spectral) {
    const y = spectralValues(x, true);
    out.push(amean(y), stddevNorm(y));
  }
  for (const x of spectral.slice(0, 5)) out.push(amean(spectralValues(x, false)));
  out.push(loud.peaks / (b.loudness.length * 0.01));
  const voiced = segmentStats(f0Contour, true), unvoiced = segmentStats(f0Contour, false);
  out.push(f0.length > 0 ? voiced.count / (mF0 * 0.01) : 0, voiced.meanSeconds, voiced.stddevSeconds);
  out.push(unvoiced.meanSeconds, unvoiced.stddevSeconds, 0);
  if (out.length !== FUNCTIONAL_COUNT) throw new Error(`egemapsFunctionals: built ${out.length} values`);
  return Float64Array.from(out);
}
