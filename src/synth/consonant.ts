// Consonant-vowel syllables: closure, release burst, aspiration, fast formant transitions from a place-of-
// articulation locus into the vowel (Delattre, Liberman & Cooper, "Acoustic loci and transitional cues for
// consonants", JASA 27, 1955; Stevens & Blumstein 1978 for burst spectra: diffuse-falling labial, diffuse-rising
// alveolar, compact velar). Canonical babbling is defined by such fast (< ~120 ms) transitions (Oller 2000).
import { applyBiquad, biquad } from './biquad.js';
import type { Rng } from '../util/random.js';
import type { Knot } from './track.js';
import type { FormantSet } from './vowels.js';
import type { FormantKnot } from './voice.js';

export const PLACES = ['labial', 'alveolar', 'velar'] as const;
export type Place = (typeof PLACES)[number];

/** Knot lists that syllables append to; rendered later by renderVoice. */
export interface KnotBuilder {
  readonly f0Knots: Knot[];
  readonly voiceKnots: Knot[];
  readonly noiseKnots: Knot[];
  readonly formantKnots: FormantKnot[];
}

/** A release burst to be mixed in after the voice is rendered. */
export interface BurstEvent {
  readonly timeSec: number;
  readonly centreHz: number;
  readonly q: number;
  readonly durationSec: number;
  /** Amplitude relative to the voice RMS. */
  readonly relAmp: number;
}

export interface SyllableSpec {
  readonly startSec: number;
  readonly closureSec: number;
  readonly transitionSec: number;
  readonly vowelSec: number;
  readonly place: Place;
  readonly nasal: boolean;
  /** Whether the release has an audible burst (canonical stops do; marginal syllables mostly not). */
  readonly burst: boolean;
  readonly vowel: FormantSet;
  /** Formant scale of the child (reference VTL / child VTL). */
  readonly vtlScale: number;
  readonly f0StartHz: number;
  readonly f0EndHz: number;
  readonly amp: number;
  readonly breathiness: number;
}

/** Formant locus at the consonant release for a place of articulation before `vowel`. */
export function locus(place: Place, vowel: FormantSet, vtlScale: number): FormantSet {
  const f1 = Math.min(vowel[0], 420 * vtlScale);
  if (place === 'labial') return [f1, vowel[1] * 0.68, vowel[2] * 0.9, vowel[3]];
  if (place === 'alveolar') return [f1, 2750 * vtlScale, vowel[2] * 1.04, vowel[3]];
  return [f1, Math.min(vowel[1] * 1.12, 3400 * vtlScale), vowel[1] * 1.22, vowel[3]];
}

/** Appends one CV syllable to the knot lists and its burst (if any) to `bursts`; returns its end time (s). */
export function addSyllable(spec: SyllableSpec, into: KnotBuilder, bursts: BurstEvent[], rng: Rng): number {
  const s = spec.vtlScale;
  const release = spec.startSec + spec.closureSec;
  const vot = spec.nasal ? 0 : rng.uniform(0.004, 0.02);
  const onset = release + vot;
  const end = onset + spec.transitionSec + spec.vowelSec;
  const loc = locus(spec.place, spec.vowel, s);
  const murmur: FormantSet = [320 * s, 1250 * s, 3000 * s, 4800 * s];
  into.formantKnots.push(
    { timeSec: spec.startSec + 0.001, formantsHz: spec.nasal ? murmur : loc },
    { timeSec: release - 0.0005, formantsHz: spec.nasal ? murmur : loc },
    { timeSec: release, formantsHz: loc },
    { timeSec: onset + spec.transitionSec, formantsHz: spec.vowel },
    { timeSec: end, formantsHz: spec.vowel },
  );
  into.f0Knots.push([spec.startSec, spec.f0StartHz * 0.97], [onset, spec.f0StartHz], [end, spec.f0EndHz]);
  const closureVoice = spec.nasal ? 0.35 * spec.amp : rng.chance(0.4) ? 0.06 * spec.amp : 0;
  const rise = Math.min(0.02, spec.vowelSec * 0.2);
  into.voiceKnots.push(
    [spec.startSec, 0], [spec.startSec + 0.008, closureVoice], [release - 0.002, closureVoice],
    [onset, spec.nasal ? 0.6 * spec.amp : 0.15 * spec.amp], [onset + rise, spec.amp],
    [end - 0.35 * spec.vowelSec, spec.amp * 0.9], [end, 0],
  );
  into.noiseKnots.push(
    [spec.startSec, 0], [release, spec.nasal ? 0 : 0.25 * spec.amp], [onset, 0.12 * spec.amp],
    [onset + 0.015, spec.breathiness * spec.amp], [end, 0],
  );
  if (spec.burst && !spec.nasal) {
    const centreHz = spec.place === 'labial' ? 1300 * s : spec.place === 'alveolar' ? 4300 * s : spec.vowel[1] * 1.05;
    const q = spec.place === 'labial' ? 0.5 : spec.place === 'alveolar' ? 1.4 : 3;
    bursts.push({ timeSec: release, centreHz, q, durationSec: rng.uniform(0.004, 0.014), relAmp: rng.uniform(0.5, 1.5) });
  }
  return end;
}

/** Mixes release bursts (band-passed, exponentially decaying noise) into `voice` in place. */
export function addBursts(voice: Float32Array, bursts: readonly BurstEvent[], voiceRms: number, rng: Rng,
  sampleRateHz: number): void {
  for (const b of bursts) {
    const len = Math.max(8, Math.round(b.durationSec * sampleRateHz * 2.5));
    const noise = rng.fillUniform(new Float32Array(len));
    const tau = b.durationSec * sampleRateHz;
    for (let i = 0; i < len; i++) noise[i] = (noise[i] as number) * Math.exp(-i / tau);
    const fc = Math.min(0.45 * sampleRateHz, Math.max(200, b.centreHz));
    applyBiquad(noise, biquad('bandpass', { frequencyHz: fc, q: b.q, sampleRateHz }));
    const start = Math.round(b.timeSec * sampleRateHz);
    const gain = 4 * b.relAmp * voiceRms;
    for (let i = 0; i < len && start + i < voice.length; i++) {
      if (start + i >= 0) voice[start + i] = (voice[start + i] as number) + gain * (noise[i] as number);
    }
  }
}
