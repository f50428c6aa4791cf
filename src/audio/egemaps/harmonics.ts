// Harmonic levels relative to the fundamental: H1–H2, H1–A3 and formant amplitudes (Hanson 1997, "Glottal
// characteristics of female speakers", JASA 101(1); openSMILE 3.0.2's cHarmonics behaviour, see docs/egemaps.md).
//
// Harmonic h (h = 0 is F0) is searched in the 60 ms magnitude spectrum around the bin nearest (h+1)·F0: that bin
// if it is a strict local maximum, otherwise outward one bin at a time, the upper neighbour before the lower one,
// within the bins nearest (h+½)·F0 and (h+1½)·F0. A peak below the bin nearest F0/2 or at the last bin is no
// harmonic. Its level is the parabola-interpolated peak magnitude relative to the fundamental's (plain) bin
// magnitude; a harmonic that lands on the same bin as its predecessor is dropped (−201 dB).
import { isStrictPeak, parabolaOffset, parabolaPeak } from './peaks.js';

const HARMONICS = 100;
const FLOOR_DB = -200;
/** Level of a dropped (duplicate) harmonic, and of every harmonic when the fundamental has no peak. */
const MISSING_DB = -201;
/** Formant amplitudes of unvoiced frames (survive the non-zero selection, spec §3.5). */
export const UNVOICED_AMPLITUDE = -201;
const f32 = Math.fround;

/** Per-frame harmonic descriptors. */
export interface HarmonicLevels {
  h1h2: number;
  h1a3: number;
  /** F1..F3 amplitudes relative to H0 in dB. */
  formantAmplitude: [number, number, number];
}

/** Harmonic peak search results, reused between frames. */
export interface HarmonicScratch {
  /** Peak bin, or the expected bin when no peak was found (0 for a dropped duplicate). */
  bin: Int32Array;
  /** Bin magnitude at the peak (0: none). */
  mag: Float64Array;
  /** Parabola-interpolated peak frequency in Hz (0: none). */
  hz: Float64Array;
  /** Level relative to the fundamental in dB. */
  level: Float64Array;
}

/** Allocates scratch for harmonicLevels. */
export function harmonicScratch(): HarmonicScratch {
  return {
    bin: new Int32Array(HARMONICS), mag: new Float64Array(HARMONICS),
    hz: new Float64Array(HARMONICS), level: new Float64Array(HARMONICS),
  };
}

/**
 * Bin whose frequency k·binHz is nearest `hz`, taking the first bin above `hz` at or after `from` (≥ 1) and its
 * lower neighbour; a tie goes to the upper bin. 0 when no bin lies above `hz`.
 */
function nearestBin(hz: number, from: number, binHz: number, bins: number): number {
  let k = Math.floor(hz / binHz) + 1;
  while (k > 1 && (k - 1) * binHz > hz) k--;
  while (k * binHz <= hz) k++;
  if (k < from) k = from;
  if (k < 1) k = 1;
  if (k >= bins) return 0;
  return k * binHz - hz > hz - (k - 1) * binHz ? k - 1 : k;
}

/** Fills the scratch with the harmonic peaks and levels of one voiced frame. */
function findHarmonics(mag: Float64Array, binHz: number, f0: number, sc: HarmonicScratch): void {
  const bins = mag.length;
  let prev = nearestBin(0.5 * f0, 1, binHz, bins);
  const firstBin = nearestBin(0.5 * f0, prev, binHz, bins);
  let h = 0;
  for (; h < HARMONICS; h++) {
    const cand = nearestBin(f32((h + 1) * f0), prev, binHz, bins);
    // Beyond the last bin: no peak can be found for this or any later harmonic (their bins read 0).
    if (cand === 0) break;
    let peak = -1;
    if (isStrictPeak(mag, cand)) peak = cand;
    else {
      const lower = nearestBin(f32((h + 0.5) * f0), prev, binHz, bins);
      const upper = nearestBin(f32((h + 1.5) * f0), cand, binHz, bins);
      let lo = cand - 1, hi = cand + 1;
      while (lo >= lower || hi <= upper) {
        if (hi <= upper) {
          if (isStrictPeak(mag, hi)) { peak = hi; break; }
          hi++;
        }
        if (lo >= lower) {
          if (isStrictPeak(mag, lo)) { peak = lo; break; }
          lo--;
        }
      }
    }
    if (peak >= firstBin && peak < bins - 1) {
      const l = mag[peak - 1]!, c = mag[peak]!, r = mag[peak + 1]!;
      // Vertex of the parabola through the three bins (c is a strict maximum, so it opens downwards).
      const delta = parabolaOffset(l, c, r);
      sc.bin[h] = peak;
      sc.mag[h] = f32(c);
      sc.hz[h] = f32((peak + delta) * binHz);
      sc.level[h] = f32(parabolaPeak(l, c, r, delta));
    } else {
      sc.bin[h] = cand;
      sc.mag[h] = 0;
      sc.hz[h] = 0;
      sc.level[h] = 0;
    }
    prev = cand;
  }
  for (; h < HARMONICS; h++) {
    sc.bin[h] = 0;
    sc.mag[h] = 0;
    sc.hz[h] = 0;
    sc.level[h] = 0;
  }
  // Interpolated magnitudes → dB relative to the fundamental's bin magnitude; drop repeated bins.
  const ref = sc.mag[0]!;
  const refLog = ref > 0 ? f32(Math.log10(ref)) : 0;
  sc.level[0] = 0;
  for (let h = 1; h < HARMONICS; h++) {
    const amp = sc.level[h]!;
    sc.level[h] = ref === 0 ? MISSING_DB : amp > 0 ? Math.max(f32(20 * (Math.log10(amp) - refLog)), FLOOR_DB) : FLOOR_DB;
    if (sc.bin[h] === sc.bin[h - 1]) {
      sc.bin[h] = 0;
      sc.mag[h] = 0;
      sc.hz[h] = 0;
      sc.level[h] = MISSING_DB;
    }
  }
}

/** Index of the harmonic with the largest bin magnitude whose peak lies within [0.8, 1.2]·hz, or −1. */
function formantHarmonic(sc: HarmonicScratch, hz: number): number {
  const lo = f32(0.8 * f32(hz)), hi = f32(1.2 * f32(hz));
  let best = -1, bestMag = 0;
  for (let h = 0; h < HARMONICS; h++) {
    const f = sc.hz[h]!;
    if (f >= lo && f <= hi && sc.mag[h]! > bestMag) { best = h; bestMag = sc.mag[h]!; }
  }
  return best;
}

const clampDb = (x: number): number => Math.min(201, Math.max(-201, x));

/**
 * Harmonic descriptors of one frame from its magnitude spectrum, F0 and formant frequencies (Hz).
 * Unvoiced frames (f0Hz ≤ 0) give zeros and UNVOICED_AMPLITUDE amplitudes.
 */
export function harmonicLevels(
  mag: Float64Array, binHz: number, f0Hz: number, formantHz: readonly number[], sc: HarmonicScratch,
): HarmonicLevels {
  const f0 = f32(f0Hz);
  if (!(f0 > 0)) {
    return { h1h2: 0, h1a3: 0, formantAmplitude: [UNVOICED_AMPLITUDE, UNVOICED_AMPLITUDE, UNVOICED_AMPLITUDE] };
  }
  findHarmonics(mag, binHz, f0, sc);
  const idx = [0, 1, 2].map((i) => formantHarmonic(sc, formantHz[i] ?? 0));
  const amp = idx.map((h) => (h >= 0 ? sc.level[h]! : 0));
  const l1 = sc.level[1]!;
  return {
    h1h2: clampDb(l1 - sc.level[2]!),
    // Without a harmonic in the F3 range the difference is taken against the −201 dB "missing" level.
    h1a3: clampDb(idx[2]! >= 0 ? l1 - sc.level[idx[2]!]! : l1 - 201),
    formantAmplitude: [amp[0]!, amp[1]!, amp[2]!],
  };
}
