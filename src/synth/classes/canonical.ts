// Canonical babbling: 1-3 consonant-vowel syllables ("ba", "dada", "bagu") with fast formant transitions and
// release bursts, modal voice near the child's F0 with a gentle declination.
import { addSyllable, PLACES, type BurstEvent } from '../consonant.js';
import { INFANT_BANDWIDTHS, INFANT_VOWELS, REFERENCE_VTL_CM, scaledVowel, vowelNames } from '../vowels.js';
import { childF0, eventSpan, type ClassContext, type Vocalization } from './context.js';
import { jitterBandwidths, newKnots, renderEvent } from './event.js';

/** Generates one Canonical clip. */
export function canonical(ctx: ClassContext): Vocalization {
  const { rng, child, knobs } = ctx;
  const span = eventSpan(ctx, 0.7, 1, 480);
  const durSec = (span[1] - span[0]) / ctx.sampleRateHz;
  const sylSec = rng.uniform(0.13, 0.24);
  const count = Math.max(1, Math.min(3, Math.round(durSec / sylSec)));
  const per = durSec / count;
  const names = vowelNames(INFANT_VOWELS);
  const reduplicated = rng.chance(0.6);
  let place = rng.chance(0.6) ? child.favouritePlace : rng.pick(PLACES);
  let vowelName = rng.chance(0.6) ? child.favouriteVowel : rng.pick(names);
  const nasal = rng.chance(0.2);
  const knots = newKnots();
  const bursts: BurstEvent[] = [];
  const f0Start = childF0(ctx, rng.normal(0, child.f0RangeSt / 2));
  const decl = rng.uniform(-3, 0.5);
  const vtlScale = REFERENCE_VTL_CM / child.vtlCm;
  for (let s = 0; s < count; s++) {
    if (!reduplicated && s > 0) {
      place = rng.pick(PLACES);
      vowelName = rng.pick(names);
    }
    const closure = Math.min(per * 0.3, rng.uniform(0.02, 0.05));
    const transition = Math.min(per * 0.35, rng.uniform(knobs.canonicalTransitionMs[0], knobs.canonicalTransitionMs[1]) / 1000);
    const vowelSec = Math.max(0.01, per - closure - transition - 0.02);
    const st0 = (decl * s) / count;
    addSyllable({
      startSec: s * per, closureSec: closure, transitionSec: transition, vowelSec, place, nasal,
      burst: rng.chance(0.85), vowel: scaledVowel(INFANT_VOWELS, vowelName, child.vtlCm), vtlScale,
      f0StartHz: f0Start * Math.pow(2, st0 / 12), f0EndHz: f0Start * Math.pow(2, (st0 + decl / count) / 12),
      amp: rng.uniform(0.7, 1), breathiness: child.breathiness,
    }, knots, bursts, rng);
  }
  return renderEvent(ctx, knots, {
    span, bursts, bandwidthsHz: jitterBandwidths(ctx, INFANT_BANDWIDTHS),
    glottal: { jitter: child.jitter, shimmer: child.shimmer, openQuotient: child.openQuotient },
    levelOffsetDb: rng.normal(0, 2), kind: count > 1 ? (reduplicated ? 'reduplicated' : 'variegated') : 'cv',
  });
}
