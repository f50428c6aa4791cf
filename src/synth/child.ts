// Per-child profiles: identity and metadata, voice (vocal-tract length, F0 range, voice quality), recording
// conditions (noise, SNR, room, microphone) and class propensities. Clips of one child share all of these, so a
// classifier that is not evaluated child-disjointly learns children, not classes.
//
// Vocal-tract length growth roughly after Vorperian et al., "Development of vocal tract length during early
// childhood", JASA 117 (2005): about 6.5 cm at 3 months to 8.3 cm at 2 years. Infant F0 around 300-450 Hz
// (Kent & Murray 1982).
import { deriveSeed, Rng } from '../util/random.js';
import { LABELS } from './labels.js';
import { PLACES, type Place } from './consonant.js';
import { INFANT_VOWELS, vowelNames } from './vowels.js';

/** Background noise kinds the recorder can pick up. */
export const NOISE_TYPES = ['white', 'pink', 'babble', 'hum', 'clicks'] as const;
export type NoiseType = (typeof NOISE_TYPES)[number];

export interface RecordingConditions {
  /** Probability weights of background noise types, in NOISE_TYPES order. */
  readonly noiseWeights: readonly number[];
  /** Centre of this child's per-clip SNR distribution (dB). */
  readonly snrCentreDb: number;
  /** Mains frequency of hum (Hz). */
  readonly humHz: 50 | 60;
  /** Room reverberation time (s) and direct-to-reverberant ratio (dB). */
  readonly rt60Sec: number;
  readonly directToReverbDb: number;
  /** Microphone colouring: high-pass and low-pass corners and a presence peak. */
  readonly micHighpassHz: number;
  readonly micLowpassHz: number;
  readonly micPeakHz: number;
  readonly micPeakDb: number;
  /** Typical vocalization level (dBFS RMS) at this recorder. */
  readonly levelDbfs: number;
}

export interface ChildProfile {
  readonly index: number;
  readonly childId: string;
  readonly ageMo: number;
  readonly gender: 'F' | 'M';
  readonly corpus: string;
  readonly vtlCm: number;
  readonly f0BaseHz: number;
  /** Half-width of the child's usual F0 excursion, in semitones. */
  readonly f0RangeSt: number;
  readonly jitter: number;
  readonly shimmer: number;
  readonly breathiness: number;
  readonly openQuotient: number;
  /** Preferred babbling vowel and consonant place ("vocal motor schemes", Vihman 1993), used most of the time. */
  readonly favouriteVowel: string;
  readonly favouritePlace: Place;
  /** Relative propensities of Non-canonical kinds: vowel-like, squeal, growl. */
  readonly nonCanonicalBias: readonly [number, number, number];
  /** Relative class propensities in LABELS order (before the corpus-wide totals are imposed). */
  readonly classWeights: readonly number[];
  readonly recording: RecordingConditions;
}

export interface ChildProfileOptions {
  /** The two corpus names; children alternate between them. Default ['home', 'lab']. */
  readonly corpora?: readonly [string, string];
  /** Range of per-child SNR centres (dB); default [-5, 30]. */
  readonly snrDbRange?: readonly [number, number];
  /** Scales the between-child spread of voice, class and recording parameters; default 1. */
  readonly childVariability?: number;
  /** Youngest and oldest age in months; default [3, 24]. */
  readonly ageMoRange?: readonly [number, number];
}

const BASE_SHARES = [0.13, 0.055, 0.39, 0.014, 0.41];

/** Generates `n` child profiles `C001`… deterministically from `seed`. */
export function makeChildProfiles(n: number, seed: number, options: ChildProfileOptions = {}): ChildProfile[] {
  if (!Number.isInteger(n) || n < 2 || n > 9999) throw new RangeError(`makeChildProfiles: n must be an integer in [2, 9999], got ${n}`);
  const corpora = options.corpora ?? ['home', 'lab'];
  const [ageLo, ageHi] = options.ageMoRange ?? [3, 24];
  const order = new Rng(deriveSeed(seed, 0xc0)).fillUniform(new Float32Array(n));
  const ranks = Array.from({ length: n }, (_, i) => i).sort((a, b) => (order[a] as number) - (order[b] as number));
  const corpusOf = new Array<number>(n);
  ranks.forEach((childIndex, rank) => (corpusOf[childIndex] = rank % 2));
  return Array.from({ length: n }, (_, i) => {
    const rng = new Rng(deriveSeed(seed, 0xc1, i));
    const corpusIndex = corpusOf[i] ?? 0;
    const ageMo = ageLo + Math.round(((i * 7919) % n) / Math.max(1, n - 1) * (ageHi - ageLo));
    return makeChild(i, ageMo, corpusIndex, corpora[corpusIndex] ?? 'home', rng, options);
  });
}

/** Draws one child's voice, propensities and recording conditions. */
function makeChild(index: number, ageMo: number, corpusIndex: number, corpus: string, rng: Rng,
  options: ChildProfileOptions): ChildProfile {
  const v = options.childVariability ?? 1;
  if (!(v >= 0)) throw new RangeError(`makeChildProfiles: childVariability must be >= 0, got ${v}`);
  const vtlCm = Math.max(5.5, 6.25 + 0.085 * ageMo + rng.normal(0, 0.35 * v));
  const f0BaseHz = Math.max(220, 420 - 2.5 * ageMo + rng.normal(0, 45 * v));
  // Canonical babbling emerges around 6-10 months (Oller 2000): propensity grows with age.
  const canonicalAge = Math.min(1.6, Math.max(0.15, (ageMo - 4) / 7));
  const classWeights = BASE_SHARES.map((share, k) => {
    const ageFactor = LABELS[k] === 'Canonical' ? canonicalAge : 1;
    return share * ageFactor * Math.exp(rng.normal(0, 0.5 * v));
  });
  return {
    index,
    childId: `C${String(index + 1).padStart(3, '0')}`,
    ageMo,
    gender: rng.chance(0.5) ? 'F' : 'M',
    corpus,
    vtlCm,
    f0BaseHz,
    f0RangeSt: Math.max(1.5, 4 + rng.normal(0, 1.2 * v)),
    jitter: Math.max(0.002, 0.012 + rng.normal(0, 0.005 * v)),
    shimmer: Math.max(0.01, 0.06 + rng.normal(0, 0.02 * v)),
    breathiness: Math.min(0.6, Math.max(0.02, 0.12 + rng.normal(0, 0.06 * v))),
    openQuotient: Math.min(0.85, Math.max(0.4, 0.62 + rng.normal(0, 0.06 * v))),
    favouriteVowel: rng.pick(vowelNames(INFANT_VOWELS)),
    favouritePlace: rng.pick(PLACES),
    nonCanonicalBias: [Math.exp(rng.normal(0, 0.4 * v)), Math.exp(rng.normal(0, 0.6 * v)), Math.exp(rng.normal(0, 0.6 * v))],
    classWeights,
    recording: makeRecording(corpusIndex, rng, options),
  };
}

/** Draws a child's recording conditions; corpus 0 is a noisier, more reverberant home setting. */
function makeRecording(corpusIndex: number, rng: Rng, options: ChildProfileOptions): RecordingConditions {
  const v = options.childVariability ?? 1;
  const [snrLo, snrHi] = options.snrDbRange ?? [-5, 30];
  if (!(snrHi >= snrLo)) throw new RangeError(`makeChildProfiles: snrDbRange must be [low, high], got [${snrLo}, ${snrHi}]`);
  const home = corpusIndex === 0;
  const span = snrHi - snrLo;
  const snrCentreDb = home ? rng.uniform(snrLo + 0.05 * span, snrLo + 0.7 * span) : rng.uniform(snrLo + 0.3 * span, snrHi);
  const jitterW = (w: number): number => w * Math.exp(rng.normal(0, 0.5 * v));
  const noiseWeights = (home ? [0.1, 0.3, 0.3, 0.15, 0.15] : [0.35, 0.3, 0.05, 0.25, 0.05]).map(jitterW);
  return {
    noiseWeights,
    snrCentreDb,
    humHz: rng.chance(home ? 0.5 : 0.3) ? 60 : 50,
    rt60Sec: home ? rng.uniform(0.25, 0.7) : rng.uniform(0.12, 0.35),
    directToReverbDb: home ? rng.uniform(0, 12) : rng.uniform(6, 18),
    micHighpassHz: rng.uniform(60, home ? 300 : 150),
    micLowpassHz: home ? rng.uniform(4200, 7200) : rng.uniform(6000, 7600),
    micPeakHz: rng.uniform(1500, 5000),
    micPeakDb: rng.normal(0, 3 * v),
    levelDbfs: rng.uniform(-32, -18),
  };
}
