// Harmonic levels relative to the first harmonic: H1–H2, H1–A3 and formant amplitudes (Hanson 1997, "Glottal
// characteristics of female speakers", JASA 101(1); openSMILE's definitions per spec egemaps.md §3.5).

const HARMONICS = 100;
const FLOOR_DB = -200;
/** Formant amplitudes of unvoiced frames (survive the non-zero selection, spec §3.5). */
export const UNVOICED_AMPLITUDE = -201;

/** Per-frame harmonic descriptors. */
export interface HarmonicLevels {
  h1h2: number;
  h1a3: number;
  /** F1..F3 amplitudes relative to H0 in dB. */
  formantAmplitude: [number, number, number];
}

/** Harmonic peak search results, reused between frames. */
export interface HarmonicScratch { level: Float64Array; hz: Float64Array }

/** Allocates scratch for harmonicLevels. */
export function harmonicScratch(): HarmonicScratch {
  return { level: new Float64Array(HARMONICS), hz: new Float64Array(HARMONICS) };
}

/** Bin of the local maximum nearest `target` within (lo, hi) bins, or −1 if none. */
function nearestPeak(mag: Float64Array, lo: number, hi: number, target: number): number {
  let best = -1, bestDist = Infinity;
  const first = Math.max(1, Math.ceil(lo)), last = Math.min(mag.length - 2, Math.floor(hi));
  for (let k = first; k <= last; k++) {
    if (mag[k]! >= mag[k - 1]! && mag[k]! >= mag[k + 1]! && mag[k]! > 0) {
      const dist = Math.abs(k - target);
      if (dist < bestDist) { bestDist = dist; best = k; }
    }
  }
  return best;
}

/** Parabolically interpolated peak at bin k: magnitude and fractional bin. */
function interpolatedPeak(mag: Float64Array, k: number): { amp: number; bin: number } {
  const l = mag[k - 1]!, c = mag[k]!, r = mag[k + 1]!;
  const den = l - 2 * c + r;
  if (den >= 0) return { amp: c, bin: k };
  const delta = (0.5 * (l - r)) / den;
  return { amp: c - 0.25 * (l - r) * delta, bin: k + delta };
}

/** Strongest harmonic level within [0.8, 1.2]·hz, or null when no harmonic lies there. */
function strongestNear(sc: HarmonicScratch, count: number, hz: number): number | null {
  if (!(hz > 0)) return null;
  let best: number | null = null;
  for (let i = 0; i < count; i++) {
    const f = sc.hz[i]!;
    if (f >= 0.8 * hz && f <= 1.2 * hz && (best === null || sc.level[i]! > best)) best = sc.level[i]!;
  }
  return best;
}

/**
 * Harmonic descriptors of one frame from its magnitude spectrum, F0 and formant frequencies (Hz).
 * Unvoiced frames (f0Hz ≤ 0) give zeros and UNVOICED_AMPLITUDE amplitudes.
 */
export function harmonicLevels(
  mag: Float64Array, binHz: number, f0Hz: number, formantHz: readonly number[], sc: HarmonicScratch,
): HarmonicLevels {
  if (!(f0Hz > 0)) {
    return { h1h2: 0, h1a3: 0, formantAmplitude: [UNVOICED_AMPLITUDE, UNVOICED_AMPLITUDE, UNVOICED_AMPLITUDE] };
  }
  const f0Bins = f0Hz / binHz;
  let count = 0, h0 = 0;
  for (let i = 0; i < HARMONICS; i++) {
    const target = (i + 1) * f0Bins;
    if ((i + 0.5) * f0Bins >= mag.length - 1) break;
    const k = nearestPeak(mag, (i + 0.5) * f0Bins, (i + 1.5) * f0Bins, target);
    if (i === 0) h0 = k >= 0 ? mag[k]! : 0;
    const peak = k >= 0 ? interpolatedPeak(mag, k) : { amp: 0, bin: target };
    const amp = peak.amp;
    const db = i === 0 ? 0 : h0 > 0 && amp > 0 ? Math.max(20 * Math.log10(amp / h0), FLOOR_DB) : FLOOR_DB;
    sc.level[count] = db;
    // The formant-range test uses the interpolated peak frequency (fits the reference better than the bin's);
    // a harmonic without a spectral peak is no candidate (hz 0).
    sc.hz[count] = k >= 0 ? peak.bin * binHz : 0;
    count++;
  }
  const l1 = count > 1 ? sc.level[1]! : FLOOR_DB, l2 = count > 2 ? sc.level[2]! : FLOOR_DB;
  const amp = formantHz.map((f) => strongestNear(sc, count, f));
  return {
    h1h2: l1 - l2,
    h1a3: l1 - (amp[2] ?? 0),
    formantAmplitude: [amp[0] ?? 0, amp[1] ?? 0, amp[2] ?? 0],
  };
}
