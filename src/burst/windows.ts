// Sliding windows over a recording and their aggregation onto labelled segments (specs/burst-study.md,
// "Evaluation"): windows of the fixed length, hop 0.25 × window, the last one zero-padded; a segment's probabilities
// are the mean of the window probabilities weighted by each window's overlap with it (the nearest window when none
// overlaps).

export interface WindowSpan {
  readonly startSample: number;
  /** Exclusive; may pass the recording's end (that part is zero padding). */
  readonly endSample: number;
}

/** The hop for a window length: round(0.25 · window), at least 1 sample. */
export function windowHopSamples(windowSamples: number, hopFraction = 0.25): number {
  return Math.max(1, Math.round(windowSamples * hopFraction));
}

/** Window spans covering all `totalSamples` (at least one window, even for a recording shorter than it). */
export function slidingWindows(totalSamples: number, windowSamples: number, hopSamples: number): WindowSpan[] {
  if (!(windowSamples >= 1 && hopSamples >= 1)) throw new RangeError(`slidingWindows: window ${windowSamples} and hop ${hopSamples} must be ≥ 1`);
  const spans: WindowSpan[] = [];
  for (let start = 0; ; start += hopSamples) {
    spans.push({ startSample: start, endSample: start + windowSamples });
    if (start + windowSamples >= totalSamples) break;
  }
  return spans;
}

/** Copies a window out of the recording, zero-padded past its end. */
export function windowSamples(recording: Float32Array, span: WindowSpan): Float32Array {
  const out = new Float32Array(span.endSample - span.startSample);
  out.set(recording.subarray(span.startSample, Math.min(recording.length, span.endSample)));
  return out;
}

/** Overlap-weighted mean of window probabilities (rows of `classes`) over [startSample, endSample). */
export function segmentProbabilities(spans: readonly WindowSpan[], probabilities: Float32Array | Float64Array, classes: number, startSample: number, endSample: number): Float64Array {
  const out = new Float64Array(classes);
  let total = 0;
  spans.forEach((w, i) => {
    const overlap = Math.min(endSample, w.endSample) - Math.max(startSample, w.startSample);
    if (overlap <= 0) return;
    total += overlap;
    for (let c = 0; c < classes; c++) out[c] = out[c]! + overlap * probabilities[i * classes + c]!;
  });
  if (total > 0) {
    for (let c = 0; c < classes; c++) out[c] = out[c]! / total;
    return out;
  }
  const centre = (startSample + endSample) / 2;
  let nearest = 0;
  spans.forEach((w, i) => {
    const best = spans[nearest]!;
    if (Math.abs((w.startSample + w.endSample) / 2 - centre) < Math.abs((best.startSample + best.endSample) / 2 - centre)) nearest = i;
  });
  for (let c = 0; c < classes; c++) out[c] = probabilities[nearest * classes + c]!;
  return out;
}
