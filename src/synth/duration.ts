// Clip durations. Most of the study's clips are fixed 400 ms chunks (median 0.4 s); the rest spread between the
// minimum and maximum, a few below 60 ms. Mixture: `chunkShare` at `chunkSec`, the rest from
// min + (max - min) * u^skew, with a class-dependent skew (cries tend long, clicks and breaths short).
import type { Label } from './labels.js';
import type { Rng } from '../util/random.js';

export interface DurationOptions {
  /** Shortest clip (s); default 0.03. */
  readonly minSec?: number;
  /** Longest clip (s); default 0.6. */
  readonly maxSec?: number;
  /** Length of fixed chunks (s); default 0.4. */
  readonly chunkSec?: number;
  /** Share of clips that are fixed chunks; default 0.55. */
  readonly chunkShare?: number;
}

/** Exponent applied to u in (0, 1) for the free part: < 1 favours long clips. */
const SKEW: Readonly<Record<Label, number>> = {
  Canonical: 0.85,
  Crying: 0.5,
  Junk: 1.1,
  Laughing: 0.7,
  'Non-canonical': 1,
};

/** Draws a clip duration in seconds for a label, rounded to whole samples at `sampleRateHz`. */
export function drawDurationSec(label: Label, rng: Rng, options: DurationOptions = {}, sampleRateHz = 16000): number {
  const minSec = options.minSec ?? 0.03;
  const maxSec = options.maxSec ?? 0.6;
  const chunkSec = options.chunkSec ?? 0.4;
  const chunkShare = options.chunkShare ?? 0.55;
  if (!(minSec > 0 && maxSec >= minSec)) throw new RangeError(`drawDurationSec: need 0 < minSec <= maxSec, got ${minSec}, ${maxSec}`);
  if (!(chunkShare >= 0 && chunkShare <= 1)) throw new RangeError(`drawDurationSec: chunkShare must be in [0, 1], got ${chunkShare}`);
  const chunk = Math.min(maxSec, Math.max(minSec, chunkSec));
  const sec = rng.chance(chunkShare) ? chunk : minSec + (maxSec - minSec) * Math.pow(rng.float(), SKEW[label]);
  return Math.round(sec * sampleRateHz) / sampleRateHz;
}
