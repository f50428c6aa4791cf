// Assembles the 25 smoothed eGeMAPS frame-level descriptors from the two streams (spec egemaps.md §3–4).
import type { StreamA } from './stream-a.js';
import type { StreamB } from './stream-b.js';
import { sma3, sma3nz } from './smoothing.js';

/** The 25 LLD contours (EGEMAPS_LLD_NAMES order), each `rows` long, plus the unsmoothed F0 in semitones. */
export interface LldContours {
  readonly rows: number;
  readonly columns: readonly Float64Array[];
  /** Unsmoothed F0semitone per row (voicing decisions use it, spec §4). */
  readonly f0SemitoneRaw: Float64Array;
}

/** F0 in semitones above 27.5 Hz; 1 for very low non-zero F0, 0 when unvoiced (spec §3.2). */
export function f0Semitone(hz: number): number {
  if (hz <= 0) return 0;
  if (hz <= 29.136) return 1;
  return 12 * Math.log2(hz / 27.5);
}

/** Copies the first `rows` values of x (zero beyond its end). */
function fit(x: Float64Array, rows: number): Float64Array {
  const y = new Float64Array(rows);
  y.set(x.subarray(0, Math.min(rows, x.length)));
  return y;
}

/**
 * Builds the smoothed LLD contours with `rows` rows (openSMILE writes stream-A frames + 1 rows; voice descriptors
 * of a row beyond the last stream-A frame are 0 here). Formants are not voicing-gated at this level.
 */
export function assembleLlds(a: StreamA, b: StreamB, rows: number): LldContours {
  const spectral = [b.loudness, b.alphaRatio, b.hammarberg, b.slope0500, b.slope5001500, b.flux, ...b.mfcc];
  const columns: Float64Array[] = spectral.map((x) => fit(sma3(x), rows));
  const f0 = fit(a.f0Hz, rows);
  const f0SemitoneRaw = f0.map(f0Semitone);
  const voiced = [f0SemitoneRaw, a.jitter, a.shimmer, a.hnr, a.h1h2, a.h1a3];
  for (const x of voiced) columns.push(sma3nz(fit(x, rows)));
  for (let i = 0; i < 3; i++) {
    columns.push(sma3nz(fit(b.formantHz[i]!, rows)));
    columns.push(sma3nz(fit(b.bandwidthHz[i]!, rows)));
    columns.push(sma3nz(fit(a.formantAmplitude[i]!, rows)));
  }
  return { rows, columns, f0SemitoneRaw };
}
