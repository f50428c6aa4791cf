// Resampling exactly as torchaudio 0.13 `torchaudio.functional.resample` with its defaults (windowed sinc with a
// Hann window, lowpass_filter_width 6, rolloff 0.99): a polyphase bank of new/gcd filters applied with a stride of
// orig/gcd input samples, zero padding of `width` before and `width + orig` after, output length ⌈new·n/orig⌉.
// Reference: torchaudio/functional/functional.py `_get_sinc_resample_kernel` / `_apply_sinc_resample_kernel`
// (BSD-2). Kernels are computed in float64 here (torchaudio: float32), a difference of float32 rounding.

export interface TorchaudioResampleOptions {
  /** Zero crossings of the sinc on each side. Default 6. */
  readonly lowpassFilterWidth?: number;
  /** Cutoff as a fraction of the lower Nyquist frequency. Default 0.99. */
  readonly rolloff?: number;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

interface Bank {
  readonly kernels: Float64Array; // newFreq rows of taps values
  readonly taps: number;
  readonly width: number;
  /** Per phase, the first and one past the last non-zero tap (the window is 0 beyond ±lowpassFilterWidth). */
  readonly nonZeroFrom: Int32Array;
  readonly nonZeroTo: Int32Array;
}

const banks = new Map<string, Bank>();

/** The filter bank for reduced rates orig → new (cached: 44.1 kHz → 22.05 kHz is one row, 16 → 22.05 kHz 441). */
function bankFor(orig: number, next: number, lowpassFilterWidth: number, rolloff: number): Bank {
  const key = `${orig}/${next}/${lowpassFilterWidth}/${rolloff}`;
  const cached = banks.get(key);
  if (cached !== undefined) return cached;
  const baseFreq = Math.min(orig, next) * rolloff;
  const width = Math.ceil((lowpassFilterWidth * orig) / baseFreq);
  const taps = 2 * width + orig;
  const kernels = new Float64Array(next * taps);
  const scale = baseFreq / orig;
  for (let phase = 0; phase < next; phase++) {
    for (let i = 0; i < taps; i++) {
      let t = (-phase / next + (i - width) / orig) * baseFreq;
      t = Math.min(lowpassFilterWidth, Math.max(-lowpassFilterWidth, t));
      const window = Math.cos((t * Math.PI) / lowpassFilterWidth / 2) ** 2;
      const x = t * Math.PI;
      kernels[phase * taps + i] = (x === 0 ? 1 : Math.sin(x) / x) * window * scale;
    }
  }
  const nonZeroFrom = new Int32Array(next), nonZeroTo = new Int32Array(next);
  for (let phase = 0; phase < next; phase++) {
    let lo = 0, hi = taps;
    while (lo < hi && kernels[phase * taps + lo] === 0) lo++;
    while (hi > lo && kernels[phase * taps + hi - 1] === 0) hi--;
    nonZeroFrom[phase] = lo;
    nonZeroTo[phase] = hi;
  }
  const bank = { kernels, taps, width, nonZeroFrom, nonZeroTo };
  if (banks.size >= 8) banks.clear();
  banks.set(key, bank);
  return bank;
}

/** Resamples `samples` from `fromHz` to `toHz` as torchaudio does; equal rates return a copy. */
export function resampleTorchaudio(samples: Float32Array, fromHz: number, toHz: number, options: TorchaudioResampleOptions = {}): Float32Array {
  for (const [name, rate] of [['fromHz', fromHz], ['toHz', toHz]] as const) {
    if (!Number.isInteger(rate) || rate < 1) throw new RangeError(`resampleTorchaudio: ${name} must be a positive integer, got ${rate}`);
  }
  if (fromHz === toHz) return samples.slice();
  const lowpassFilterWidth = options.lowpassFilterWidth ?? 6;
  const rolloff = options.rolloff ?? 0.99;
  const divisor = gcd(fromHz, toHz);
  const orig = fromHz / divisor;
  const next = toHz / divisor;
  const { kernels, taps, width, nonZeroFrom, nonZeroTo } = bankFor(orig, next, lowpassFilterWidth, rolloff);
  const n = samples.length;
  const outLength = Math.ceil((next * n) / orig);
  const out = new Float32Array(outLength);
  // Output block b, phase p = out[b·next + p] = Σ_i kernel[p][i] · x[b·orig + i − width] (x zero outside [0, n)).
  for (let o = 0; o < outLength; o++) {
    const block = Math.floor(o / next);
    const phase = o - block * next;
    const first = block * orig - width;
    // Zero taps are skipped: they add nothing to the sum.
    const lo = Math.max(nonZeroFrom[phase]!, -first);
    const hi = Math.min(nonZeroTo[phase]!, n - first);
    const row = phase * taps;
    let sum = 0;
    for (let i = lo; i < hi; i++) sum += kernels[row + i]! * samples[first + i]!;
    out[o] = sum;
  }
  return out;
}
