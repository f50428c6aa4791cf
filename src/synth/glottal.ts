// Glottal excitation: Rosenberg-type pulses with jitter, shimmer, period-doubling (subharmonics) and pulsed
// aspiration noise, differentiated once for lip radiation.
//
// Pulse shape after Rosenberg, "Effect of glottal pulse shape on the quality of natural vowels", JASA 49 (1971):
// raised-cosine opening over 62 % of the open phase, a steeper raised-cosine closing over the rest; aspiration modulated by glottal flow as in
// Klatt & Klatt, "Analysis, synthesis and perception of voice quality variations", JASA 87 (1990).
import type { Rng } from '../util/random.js';

export interface GlottalOptions {
  /** Sample rate in Hz; default 16000. */
  readonly sampleRateHz?: number;
  /** Share of each period during which the glottis is open, in (0, 1]; default 0.6. */
  readonly openQuotient?: number;
  /** Relative SD of each period's F0 (cycle-to-cycle jitter); default 0.01. */
  readonly jitter?: number;
  /** Relative SD of each period's amplitude (shimmer); default 0.05. */
  readonly shimmer?: number;
  /** Amplitude drop of every other period in [0, 1] (diplophonia, harsh voice); default 0. */
  readonly subharmonic?: number;
}

const TABLE = 2048;
/** Aspiration scale: noiseAmp 1 gives noise about as strong as modal voicing at amplitude 1 near 400 Hz. */
const ASPIRATION = 0.08;
/** Opening flow 0.5 (1 - cos(pi u)) on [0, 1], tabulated; the closing branch reuses it mirrored. */
const RISE = Float32Array.from({ length: TABLE + 1 }, (_, i) => 0.5 * (1 - Math.cos((Math.PI * i) / TABLE)));

/**
 * Renders the excitation for per-sample tracks: `f0Hz` (fundamental), `voiceAmp` (pulse amplitude) and
 * `noiseAmp` (aspiration amplitude). Returns a new Float32Array of the same length.
 */
export function glottalSource(
  f0Hz: Float32Array,
  voiceAmp: Float32Array,
  noiseAmp: Float32Array,
  rng: Rng,
  options: GlottalOptions = {},
): Float32Array {
  const n = f0Hz.length;
  if (voiceAmp.length !== n || noiseAmp.length !== n) {
    throw new RangeError('glottalSource: f0Hz, voiceAmp and noiseAmp must have the same length');
  }
  const fs = options.sampleRateHz ?? 16000;
  const oq = options.openQuotient ?? 0.6;
  if (!(oq > 0 && oq <= 1)) throw new RangeError(`glottalSource: openQuotient must be in (0, 1], got ${oq}`);
  const jitter = options.jitter ?? 0.01;
  const shimmer = options.shimmer ?? 0.05;
  const sub = options.subharmonic ?? 0;
  const tOpen = oq * 0.62;
  const tClose = oq - tOpen;
  const out = new Float32Array(n);
  let phase = rng.float();
  let periodFactor = 1;
  let periodAmp = 1;
  let periodIndex = 0;
  let prevFlow = 0;
  for (let i = 0; i < n; i++) {
    phase += ((f0Hz[i] as number) * periodFactor) / fs;
    if (phase >= 1) {
      phase -= Math.floor(phase);
      periodIndex++;
      periodFactor = Math.max(0.5, 1 + jitter * rng.normal());
      periodAmp = Math.max(0, 1 + shimmer * rng.normal()) * (periodIndex % 2 === 1 ? 1 - sub : 1);
    }
    let flow = 0;
    if (phase < tOpen) flow = RISE[Math.floor((phase / tOpen) * TABLE)] as number;
    else if (phase < oq) flow = RISE[Math.floor((1 - (phase - tOpen) / tClose) * TABLE)] as number;
    flow *= periodAmp * (voiceAmp[i] as number);
    const noise = (rng.nextUint32() / 2147483648 - 1) * (noiseAmp[i] as number) * (flow > 0 ? ASPIRATION : 0.5 * ASPIRATION);
    out[i] = (flow - prevFlow) * (fs / 1000) * 0.05 + noise;
    prevFlow = flow;
  }
  return out;
}
