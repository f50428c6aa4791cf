// Cutting a clip into analysis windows: the study's 0.4 s chunks, or `pipe predict`'s sliding windows.

/** One window of a clip, in samples and seconds. */
export interface ChunkSpan {
  readonly startSample: number;
  readonly endSample: number;
  readonly startS: number;
  readonly endS: number;
}

export interface ChunkSpansOptions {
  /** Window length in seconds. Default 0.4. */
  readonly windowS?: number;
  /** Step between window starts in seconds. Default `windowS` (no overlap). */
  readonly hopS?: number;
  /** A last, shorter window is kept when at least this long. Default 0.2. */
  readonly minLastS?: number;
}

/**
 * Windows of a clip of `length` samples. A clip no longer than one window gives [] (predict it whole). Otherwise
 * full windows every `hopS`, plus a last partial window (up to the clip's end) if it is ≥ `minLastS` and not
 * contained in the previous window.
 */
export function chunkSpans(length: number, sampleRateHz: number, options: ChunkSpansOptions = {}): ChunkSpan[] {
  const windowS = options.windowS ?? 0.4;
  const hopS = options.hopS ?? windowS;
  const minLastS = options.minLastS ?? 0.2;
  if (!(windowS > 0) || !(hopS > 0) || !(minLastS >= 0)) throw new RangeError('chunkSpans: windowS and hopS must be > 0, minLastS ≥ 0');
  const window = Math.round(windowS * sampleRateHz);
  const hop = Math.max(1, Math.round(hopS * sampleRateHz));
  const minLast = Math.round(minLastS * sampleRateHz);
  if (length <= window) return [];
  const spans: ChunkSpan[] = [];
  let start = 0;
  for (; start + window <= length; start += hop) spans.push(span(start, start + window, sampleRateHz));
  const lastEnd = spans.at(-1)?.endSample ?? 0;
  if (start < length && length > lastEnd && length - start >= minLast) spans.push(span(start, length, sampleRateHz));
  return spans;
}

function span(startSample: number, endSample: number, sampleRateHz: number): ChunkSpan {
  return { startSample, endSample, startS: startSample / sampleRateHz, endS: endSample / sampleRateHz };
}
