// Fixed-length segments (specs/burst-study.md, "Segments and features"): slice [start·sr, end·sr) of a recording,
// then pad with zeros or truncate to the fixed length = max(0.5 s, the longest labelled segment of the training split).

/** The fixed segment length in samples for these training segments. */
export function fixedLengthSamples(segments: readonly { startS: number; endS: number }[], sampleRateHz: number, minimumS = 0.5): number {
  let longestS = minimumS;
  for (const s of segments) longestS = Math.max(longestS, s.endS - s.startS);
  return Math.round(longestS * sampleRateHz);
}

/** Copies samples [⌊start·sr⌋, ⌊end·sr⌋) of `recording` into a zero-padded (or truncated) array of `length`. */
export function sliceFixed(recording: Float32Array, startS: number, endS: number, sampleRateHz: number, length: number): Float32Array {
  const from = Math.min(recording.length, Math.max(0, Math.floor(startS * sampleRateHz)));
  const to = Math.min(recording.length, Math.max(from, Math.floor(endS * sampleRateHz)));
  const out = new Float32Array(length);
  out.set(recording.subarray(from, Math.min(to, from + length)));
  return out;
}
