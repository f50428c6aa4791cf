// Crude clip features for the separability self-check of the demo corpus (not the study's feature sets):
// duration, level, spectral centroid / roll-off / flatness, zero-crossing rate, autocorrelation F0 and voicing,
// energy modulation, and mean/SD of 20 mel cepstra (a stand-in for the study's 40-dim MFCC set). Enough to see that classes differ, and by how much.

/** In-place iterative radix-2 FFT (Cooley & Tukey 1965) of a power-of-two length. */
function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j] as number, re[i] as number];
      [im[i], im[j]] = [im[j] as number, im[i] as number];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (-2 * Math.PI) / len;
    for (let i = 0; i < n; i += len) {
      for (let k = 0; k < len / 2; k++) {
        const wr = Math.cos(ang * k);
        const wi = Math.sin(ang * k);
        const a = i + k;
        const b = a + len / 2;
        const xr = (re[b] as number) * wr - (im[b] as number) * wi;
        const xi = (re[b] as number) * wi + (im[b] as number) * wr;
        re[b] = (re[a] as number) - xr;
        im[b] = (im[a] as number) - xi;
        re[a] = (re[a] as number) + xr;
        im[a] = (im[a] as number) + xi;
      }
    }
  }
}

const CRUDE_NAMES = ['duration', 'logRms', 'centroid', 'rolloff', 'flatness', 'zcr', 'f0', 'f0Sd', 'voiced', 'energySd', 'lowBand'];
const N_MEL = 26;
const N_CEP = 20;
export const FEATURE_NAMES = [...CRUDE_NAMES, ...Array.from({ length: N_CEP }, (_, i) => `cep${i}m`), ...Array.from({ length: N_CEP }, (_, i) => `cep${i}s`)];
const melOf = (hz: number): number => 2595 * Math.log10(1 + hz / 700);
/** Triangular mel filterbank over 256 bins of a 512-point FFT at 16 kHz (HTK mel scale). */
const MEL_BANK: Float64Array[] = (() => {
  const edges = Array.from({ length: N_MEL + 2 }, (_, i) => 700 * (10 ** ((melOf(8000) * i) / (N_MEL + 1) / 2595) - 1));
  return Array.from({ length: N_MEL }, (_, m) => Float64Array.from({ length: 256 }, (_, k) => {
    const hz = (k * 16000) / 512;
    const [a, b, c] = [edges[m] as number, edges[m + 1] as number, edges[m + 2] as number];
    return hz <= a || hz >= c ? 0 : hz <= b ? (hz - a) / (b - a) : (c - hz) / (c - b);
  }));
})();

/** Computes the crude feature vector of a 16 kHz clip. */
export function crudeFeatures(x: Float32Array, fs = 16000): Float64Array {
  const frame = 512;
  const hop = 256;
  const re = new Float64Array(frame);
  const im = new Float64Array(frame);
  const cents: number[] = [], rolls: number[] = [], flats: number[] = [], logE: number[] = [], lows: number[] = [];
  const f0s: number[] = [];
  const ceps: number[][] = [];
  let frames = 0;
  for (let start = 0; start === 0 || start + frame <= x.length; start += hop) {
    let e = 0;
    for (let i = 0; i < frame; i++) {
      const v = (x[start + i] ?? 0) * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / frame));
      re[i] = v; im[i] = 0; e += v * v;
    }
    fft(re, im);
    let sum = 0, wsum = 0, logSum = 0, low = 0;
    const half = frame / 2;
    const mags = new Float64Array(half);
    for (let k = 1; k < half; k++) {
      const p = (re[k] as number) ** 2 + (im[k] as number) ** 2 + 1e-20;
      mags[k] = p; sum += p; wsum += p * (k * fs) / frame; logSum += Math.log(p);
      if ((k * fs) / frame < 1000) low += p;
    }
    const logMel = MEL_BANK.map((w) => Math.log(w.reduce((acc, g, k) => acc + g * (mags[k] ?? 0), 0) + 1e-10));
    ceps.push(Array.from({ length: N_CEP }, (_, c) => logMel.reduce((acc, v, m) => acc + v * Math.cos((Math.PI * c * (m + 0.5)) / N_MEL), 0)));
    cents.push(wsum / sum);
    flats.push(Math.exp(logSum / (half - 1)) / (sum / (half - 1)));
    let acc = 0, kr = 1;
    for (; kr < half && acc < 0.85 * sum; kr++) acc += mags[kr] as number;
    rolls.push((kr * fs) / frame);
    logE.push(10 * Math.log10(e / frame + 1e-12));
    lows.push(low / sum);
    const f0 = acfF0(x, start, frame, fs);
    if (f0 > 0) f0s.push(f0);
    frames++;
    if (start + frame > x.length) break;
  }
  let zc = 0, ss = 0;
  for (let i = 1; i < x.length; i++) if (((x[i] as number) >= 0) !== ((x[i - 1] as number) >= 0)) zc++;
  for (let i = 0; i < x.length; i++) ss += (x[i] as number) ** 2;
  const mean = (a: number[]): number => (a.length ? a.reduce((p, q) => p + q, 0) / a.length : 0);
  const sd = (a: number[]): number => Math.sqrt(mean(a.map((v) => (v - mean(a)) ** 2)));
  return Float64Array.from([
    x.length / fs, 10 * Math.log10(ss / x.length + 1e-12), mean(cents), mean(rolls), mean(flats), zc / x.length,
    f0s.length ? Math.log(mean(f0s)) : 0, f0s.length > 1 ? sd(f0s.map(Math.log)) : 0, f0s.length / frames, sd(logE), mean(lows),
    ...Array.from({ length: N_CEP }, (_, c) => mean(ceps.map((v) => v[c] as number))),
    ...Array.from({ length: N_CEP }, (_, c) => sd(ceps.map((v) => v[c] as number))),
  ]);
}

/** Autocorrelation F0 of one frame (70-1500 Hz), 0 when unvoiced (peak < 0.45 of lag-0 energy). */
function acfF0(x: Float32Array, start: number, frame: number, fs: number): number {
  const minLag = Math.floor(fs / 1500);
  const maxLag = Math.min(Math.floor(fs / 70), frame - 1);
  let r0 = 0;
  for (let i = 0; i < frame; i++) r0 += (x[start + i] ?? 0) ** 2;
  if (r0 <= 1e-10) return 0;
  let best = 0, bestLag = 0;
  for (let lag = minLag; lag <= maxLag; lag++) {
    let r = 0;
    for (let i = 0; i + lag < frame; i += 2) r += (x[start + i] ?? 0) * (x[start + i + lag] ?? 0);
    r /= (r0 * (frame - lag)) / frame / 2;
    if (r > best) { best = r; bestLag = lag; }
  }
  return best > 0.45 ? fs / bestLag : 0;
}
