// Triangular mel filterbank with triangles in the mel domain, mel = 1127·ln(1 + f/700) (HTK book §5.4;
// docs/egemaps.md — the triangle weights are linear in mel, not in Hz).

/** A sparse filterbank: band b weighs power bins firstBin[b] .. firstBin[b] + weights[b].length − 1. */
export interface HtkMelFilterbank {
  readonly firstBin: Int32Array;
  readonly weights: readonly Float64Array[];
  /** Centre frequency of each band in Hz. */
  readonly centreHz: Float64Array;
}

/** Options of htkMelFilterbank; defaults are eGeMAPS's. */
export interface HtkMelFilterbankOptions {
  /** Number of bands (default 26). */
  bands?: number;
  /** Lower edge in Hz (default 20). */
  loHz?: number;
  /** Upper edge in Hz (default 8000, clipped to Nyquist). */
  hiHz?: number;
}

/** Hz → mel (HTK). */
export function htkHzToMel(hz: number): number {
  return 1127 * Math.log(1 + hz / 700);
}

/** mel → Hz (HTK). */
export function htkMelToHz(mel: number): number {
  return 700 * (Math.exp(mel / 1127) - 1);
}

/** Builds the filterbank for a power spectrum of fftSize/2+1 bins at sampleRateHz. */
export function htkMelFilterbank(fftSize: number, sampleRateHz: number, options: HtkMelFilterbankOptions = {}): HtkMelFilterbank {
  const bands = options.bands ?? 26;
  const loHz = options.loHz ?? 20;
  const hiHz = Math.min(options.hiHz ?? 8000, sampleRateHz / 2);
  if (bands < 1 || !(loHz >= 0) || !(hiHz > loHz)) throw new RangeError('htkMelFilterbank: invalid band layout');
  const binHz = sampleRateHz / fftSize;
  const loMel = htkHzToMel(loHz);
  const stepMel = (htkHzToMel(hiHz) - loMel) / (bands + 1);
  const edgeMel = (i: number): number => loMel + i * stepMel;
  const loBin = Math.round(loHz / binHz);
  const hiBin = Math.min(Math.round(hiHz / binHz), fftSize / 2);
  const firstBin = new Int32Array(bands);
  const weights: Float64Array[] = [];
  const centreHz = new Float64Array(bands);
  for (let b = 0; b < bands; b++) {
    const left = edgeMel(b), centre = edgeMel(b + 1), right = edgeMel(b + 2);
    centreHz[b] = htkMelToHz(centre);
    const ws: number[] = [];
    let first = -1;
    for (let k = loBin + 1; k < hiBin; k++) {
      const m = htkHzToMel(k * binHz);
      let w = 0;
      if (m > left && m <= centre) w = (m - left) / (centre - left);
      else if (m > centre && m < right) w = (right - m) / (right - centre);
      if (w > 0) {
        if (first < 0) first = k;
        ws.length = k - first;
        ws.push(w);
      }
    }
    firstBin[b] = first < 0 ? 0 : first;
    weights.push(Float64Array.from(ws, (v) => v ?? 0));
  }
  return { firstBin, weights, centreHz };
}

/** Applies the filterbank to a power spectrum, writing one energy per band into `out`. */
export function applyHtkMelFilterbank(bank: HtkMelFilterbank, power: Float64Array, out: Float64Array): void {
  for (let b = 0; b < bank.weights.length; b++) {
    const w = bank.weights[b]!;
    const first = bank.firstBin[b]!;
    let s = 0;
    for (let j = 0; j < w.length; j++) s += w[j]! * power[first + j]!;
    out[b] = s;
  }
}
