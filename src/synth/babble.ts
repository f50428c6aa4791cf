// Distant adult speech-like babble: a few adult talkers, each a source-filter voice hopping between adult vowels
// at a syllabic rate (3-6 Hz), with adult F0 (90-250 Hz). Used as background noise and as a Junk event.
import type { Rng } from '../util/random.js';
import { ADULT_BANDWIDTHS, ADULT_VOWELS, scaledVowel, vowelNames } from './vowels.js';
import { renderVoice, type FormantKnot } from './voice.js';
import type { Knot } from './track.js';
import { normaliseRms } from './noise.js';

export interface BabbleOptions {
  /** Number of overlapping talkers; default 3. */
  readonly talkers?: number;
  /** Sample rate in Hz; default 16000. */
  readonly sampleRateHz?: number;
}

/** Renders `n` samples of multi-talker adult babble with unit RMS. */
export function adultBabble(n: number, rng: Rng, options: BabbleOptions = {}): Float32Array {
  const talkers = options.talkers ?? 3;
  if (!Number.isInteger(talkers) || talkers < 1) throw new RangeError(`adultBabble: talkers must be >= 1, got ${talkers}`);
  const fs = options.sampleRateHz ?? 16000;
  const out = new Float32Array(n);
  const names = vowelNames(ADULT_VOWELS);
  const durationSec = n / fs;
  for (let t = 0; t < talkers; t++) {
    const vtlCm = rng.uniform(14, 17.5);
    const f0 = vtlCm > 15.5 ? rng.uniform(90, 150) : rng.uniform(170, 250);
    const rate = rng.uniform(3, 6);
    const f0Knots: Knot[] = [];
    const voiceKnots: Knot[] = [];
    const formantKnots: FormantKnot[] = [];
    for (let s = -rng.float() / rate; s < durationSec + 0.2; s += (1 / rate) * rng.uniform(0.7, 1.3)) {
      const syl = 1 / rate;
      const formantsHz = scaledVowel(ADULT_VOWELS, rng.pick(names), vtlCm, 16);
      formantKnots.push({ timeSec: s + 0.3 * syl, formantsHz }, { timeSec: s + 0.7 * syl, formantsHz });
      f0Knots.push([s, f0 * rng.uniform(0.85, 1.2)]);
      voiceKnots.push([s, 0], [s + 0.25 * syl, rng.uniform(0.4, 1)], [s + 0.75 * syl, rng.uniform(0.3, 0.8)], [s + syl, 0]);
    }
    const voice = renderVoice({
      f0Knots,
      voiceKnots,
      noiseKnots: [[0, 0.02]],
      formantKnots,
      bandwidthsHz: ADULT_BANDWIDTHS,
      glottal: { jitter: 0.01, shimmer: 0.05, openQuotient: 0.55 },
    }, n, rng, fs);
    normaliseRms(voice);
    for (let i = 0; i < n; i++) out[i] = (out[i] as number) + (voice[i] as number);
  }
  return normaliseRms(out);
}
