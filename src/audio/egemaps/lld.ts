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
 * sma3nz of a stream-A contour as openSMILE's LLD output shows it at the end of the input: the first `m` frames
 * (those processed before its first end-of-input pass) are smoothed with the last of them repeated at the edge and
 * followed by one row of that frame alone; the remaining frames arrive in a later pass and continue the output
 * from row m + 1 on, again with the last frame repeated at the edge. Returns `rows` values (rows = frames + 1).
 */
export function sma3nzTwoPass(x: Float64Array, m: number, rows: number): Float64Array {
  const n = x.length;
  const y = new Float64Array(rows);
  if (n === 0) return y;
  const first = Math.max(1, Math.min(m, n));
  y.set(sma3nz(x.subarray(0, first)));
  if (first < rows) y[first] = x[first - 1]!;
  if (first < n) {
    const ext = new Float64Array(n + 1);
    ext.set(x);
    ext[n] = x[n - 1]!;
    const tail = sma3nz(ext);
    for (let r = first + 1; r < Math.min(rows, n + 1); r++) y[r] = tail[r]!;
  }
  return y;
}

/**
 * Builds the smoothed LLD contours with `rows` rows (openSMILE writes stream-A frames + 1 rows). The 15 stream-A
 * synchronous columns follow openSMILE's end-of-input passes (`sma3nzTwoPass`, `m` = frames its first pass saw, as
 * for the functionals). Formants are not voicing-gated at this level.
 */
export function assembleLlds(a: StreamA, b: StreamB, rows: number, m: number = rows): LldContours {
  const spectral = [b.loudness, b.alphaRatio, b.hammarberg, b.slope0500, b.slope5001500, b.flux, ...b.mfcc];
  const columns: Float64Array[] = spectral.map((x) => fit(sma3(x), rows));
  const f0 = fit(a.f0Hz, rows);
  const f0SemitoneRaw = f0.map(f0Semitone);
  const voiced = [f0SemitoneRaw, a.jitter, a.shimmer, a.hnr, a.h1h2, a.h1a3];
  const frames = Math.min(a.frames, rows);
  const smooth = (x: Float64Array): Float64Array => sma3nzTwoPass(x.subarray(0, frames), m, rows);
  for (const x of voiced) columns.push(smooth(x));
  for (let i = 0; i < 3; i++) {
    columns.push(smooth(b.formantHz[i]!));
    columns.push(smooth(b.bandwidthHz[i]!));
    columns.push(smooth(a.formantAmplitude[i]!));
  }
  return { rows, columns, f0SemitoneRaw };
}
