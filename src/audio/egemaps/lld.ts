// Assembles the 25 smoothed eGeMAPS frame-level descriptors from the two streams (docs/egemaps.md).
import type { StreamA } from './stream-a.js';
import type { StreamB } from './stream-b.js';
import { sma3, sma3nz } from './smoothing.js';

/** The 25 LLD contours (EGEMAPS_LLD_NAMES order), each `rows` long. */
export interface LldContours {
  readonly rows: number;
  readonly columns: readonly Float64Array[];
}

const f32 = Math.fround;
/** ln 2 in single precision. */
const LN2_F32 = f32(Math.LN2);

/**
 * F0 in semitones above 27.5 Hz; 1 for very low non-zero F0, 0 when unvoiced (spec §3.2). openSMILE's pitch
 * smoother converts in single precision: the ratio to 27.5 Hz, its natural logarithm, the product with 12 and the
 * division by ln 2 are each rounded to float.
 */
export function f0Semitone(hz: number): number {
  if (hz <= 0) return 0;
  if (hz <= 29.136) return 1;
  return f32(f32(12 * f32(Math.log(f32(f32(hz) / 27.5)))) / LN2_F32);
}

/** Copies the first `rows` values of x (zero beyond its end). */
function fit(x: Float64Array, rows: number): Float64Array {
  const y = new Float64Array(rows);
  y.set(x.subarray(0, Math.min(rows, x.length)));
  return y;
}

/**
 * sma3nz of the F0-synchronous contours as openSMILE's LLD output shows them at the end of input: the smoother
 * first flushes the first `m` frames as a block (its last frame repeated beyond it), which yields rows 0..m−1 and
 * one extra row m holding frame m−1; the frames that arrive afterwards continue the contour from frame m + 1 on
 * (frame m only serves as a neighbour), and the final flush again repeats the last frame as one extra row.
 * With m = n this is plain sma3nz plus one row repeating the last frame. Returns n + 1 rows.
 */
export function sma3nzEndOfInput(x: Float64Array, n: number, m: number): Float64Array {
  const y = new Float64Array(n + 1);
  if (n === 0) return y;
  const k = Math.min(Math.max(m, 1), n);
  y.set(sma3nz(x.subarray(0, k)));
  y[k] = x[k - 1]!;
  if (k < n) {
    const tail = sma3nz(x.subarray(0, n));
    for (let t = k + 1; t < n; t++) y[t] = tail[t]!;
    y[n] = x[n - 1]!;
  }
  return y;
}

/**
 * Builds the smoothed LLD contours with `rows` rows (openSMILE writes stream-A frames + 1 rows). Formants are not
 * voicing-gated at this level. `blockEnd` is the number of F0-synchronous frames openSMILE's smoother flushes
 * first at the end of input (see sma3nzEndOfInput); by default all of them.
 */
export function assembleLlds(a: StreamA, b: StreamB, rows: number, blockEnd = a.frames): LldContours {
  const spectral = [b.loudness, b.alphaRatio, b.hammarberg, b.slope0500, b.slope5001500, b.flux, ...b.mfcc];
  const columns: Float64Array[] = spectral.map((x) => fit(sma3(x), rows));
  const f0 = fit(a.f0Hz, rows);
  const f0SemitoneRaw = f0.map(f0Semitone);
  const n = Math.min(a.frames, rows);
  const smooth = (x: Float64Array): Float64Array => fit(sma3nzEndOfInput(fit(x, n), n, blockEnd), rows);
  const voiced = [f0SemitoneRaw, a.jitter, a.shimmer, a.hnr, a.h1h2, a.h1a3];
  for (const x of voiced) columns.push(smooth(x));
  for (let i = 0; i < 3; i++) {
    columns.push(smooth(b.formantHz[i]!));
    columns.push(smooth(b.bandwidthHz[i]!));
    columns.push(smooth(a.formantAmplitude[i]!));
  }
  return { rows, columns };
}
