// Source-filter rendering of one voiced/aspirated stretch: glottal source -> formant cascade.
// Control tracks are built from knots so class generators describe contours, not samples.
import { glottalSource, type GlottalOptions } from './glottal.js';
import type { Rng } from '../util/random.js';
import { formantCascade, type FormantTracks } from './resonator.js';
import { piecewiseLinear, type Knot } from './track.js';
import type { FormantSet } from './vowels.js';

/** Samples between formant-coefficient updates (2 ms at 16 kHz). */
export const FRAME_SAMPLES = 32;

/** A formant target at a time (seconds): four frequencies in Hz. */
export interface FormantKnot {
  readonly timeSec: number;
  readonly formantsHz: FormantSet;
}

/** What a class generator hands to the renderer: per-sample source tracks plus formant knots. */
export interface VoiceSpec {
  readonly f0Knots: readonly Knot[];
  readonly voiceKnots: readonly Knot[];
  readonly noiseKnots: readonly Knot[];
  readonly formantKnots: readonly FormantKnot[];
  /** Four bandwidths in Hz, held over the whole stretch. */
  readonly bandwidthsHz: FormantSet;
  readonly glottal: GlottalOptions;
}

/** Builds per-frame formant tracks for `n` samples from formant knots. */
export function formantTracks(
  knots: readonly FormantKnot[],
  bandwidthsHz: FormantSet,
  n: number,
  sampleRateHz: number,
): FormantTracks {
  const frameRate = sampleRateHz / FRAME_SAMPLES;
  const frames = Math.ceil(n / FRAME_SAMPLES) + 1;
  const freqsHz: Float32Array[] = [];
  const bandwidths: Float32Array[] = [];
  for (let k = 0; k < 4; k++) {
    freqsHz.push(piecewiseLinear(knots.map((kn) => [kn.timeSec, kn.formantsHz[k] as number] as const), frames, frameRate));
    bandwidths.push(new Float32Array(frames).fill(bandwidthsHz[k] as number));
  }
  return { frameSamples: FRAME_SAMPLES, freqsHz, bandwidthsHz: bandwidths };
}

/** Renders `n` samples of voice from a spec; knots may come in any order (a stable sort by time orders them). */
export function renderVoice(spec: VoiceSpec, n: number, rng: Rng, sampleRateHz: number): Float32Array {
  const byTime = (knots: readonly Knot[]): Knot[] => (knots.length > 0 ? [...knots].sort((a, b) => a[0] - b[0]) : [[0, 0]]);
  const f0 = piecewiseLinear(byTime(spec.f0Knots), n, sampleRateHz);
  const voice = piecewiseLinear(byTime(spec.voiceKnots), n, sampleRateHz);
  const noise = piecewiseLinear(byTime(spec.noiseKnots), n, sampleRateHz);
  const source = glottalSource(f0, voice, noise, rng, { ...spec.glottal, sampleRateHz });
  const formants = [...spec.formantKnots].sort((a, b) => a.timeSec - b.timeSec);
  return formantCascade(source, formantTracks(formants, spec.bandwidthsHz, n, sampleRateHz), sampleRateHz);
}
