// Non-canonical vocalizations: vowel-like sounds (full or quasi-resonant vowels with slow formant drift),
// squeals (very high F0), growls (low, harsh F0 with subharmonics), fussing (cry-like but softer, overlapping
// Crying on purpose) and marginal babbling (CV-like syllables with
// slow transitions and no burst) - the last overlaps Canonical on purpose (knob nonCanonicalCvShare).
import { addSyllable, PLACES, type BurstEvent } from '../consonant.js';
import { INFANT_BANDWIDTHS, INFANT_VOWELS, REFERENCE_VTL_CM, mixFormants, scaledVowel, vowelNames } from '../vowels.js';
import { childF0, eventSpan, type ClassContext, type Vocalization } from './context.js';
import { jitterBandwidths, newKnots, renderEvent } from './event.js';

/** Generates one Non-canonical clip. */
export function nonCanonical(ctx: ClassContext): Vocalization {
  const cv = ctx.knobs.nonCanonicalCvShare;
  const bias = ctx.child.nonCanonicalBias;
  const kind = ctx.rng.weighted([Math.max(0, 0.62 - cv) * bias[0], 0.14 * bias[1], 0.14 * bias[2], 0.1, cv]);
  if (kind === 4) return marginal(ctx);
  return vowelLike(ctx, kind === 1 ? 'squeal' : kind === 2 ? 'growl' : kind === 3 ? 'fuss' : 'vowel');
}

/** A single vowel-like stretch; squeals, growls and fussing (cry-like whimpers) change F0 and voice quality. */
function vowelLike(ctx: ClassContext, kind: 'vowel' | 'squeal' | 'growl' | 'fuss'): Vocalization {
  const { rng, child } = ctx;
  const span = eventSpan(ctx, 0.55, 1);
  const dur = (span[1] - span[0]) / ctx.sampleRateHz;
  const names = vowelNames(INFANT_VOWELS);
  let a = scaledVowel(INFANT_VOWELS, rng.chance(0.5) ? child.favouriteVowel : rng.pick(names), child.vtlCm);
  const b = scaledVowel(INFANT_VOWELS, rng.pick(names), child.vtlCm);
  if (rng.chance(0.35)) a = [a[0] * 0.6, a[1] * 0.85, a[2], a[3]]; // quasi-resonant: nearly closed tract
  const drift = rng.uniform(0, 0.6);
  const base = kind === 'squeal' ? childF0(ctx, rng.uniform(10, 19)) : kind === 'growl' ? rng.uniform(110, 240)
    : kind === 'fuss' ? childF0(ctx, rng.uniform(2, 7)) : childF0(ctx, rng.normal(0, child.f0RangeSt / 2));
  const shape = rng.uniform(-4, 4);
  const knots = newKnots();
  knots.f0Knots.push([0, base * Math.pow(2, -Math.abs(shape) / 24)], [dur * rng.uniform(0.3, 0.7), base * Math.pow(2, shape / 12)],
    [dur, base * Math.pow(2, rng.uniform(-5, 1) / 12)]);
  const attack = Math.min(dur * 0.3, rng.uniform(0.02, 0.07));
  knots.voiceKnots.push([0, 0], [attack, 1], [dur * 0.7, rng.uniform(0.6, 1)], [dur, 0]);
  const breath = kind === 'squeal' ? child.breathiness * 1.5 : kind === 'fuss' ? child.breathiness + rng.uniform(0.05, 0.2) : child.breathiness;
  knots.noiseKnots.push([0, breath * 0.5], [attack, breath], [dur, breath * 0.5]);
  knots.formantKnots.push({ timeSec: 0, formantsHz: a }, { timeSec: dur, formantsHz: mixFormants(a, b, drift) });
  const growl = kind === 'growl';
  const fuss = kind === 'fuss';
  return renderEvent(ctx, knots, {
    span, bandwidthsHz: jitterBandwidths(ctx, INFANT_BANDWIDTHS, growl ? 1.3 : 1),
    glottal: {
      jitter: growl ? rng.uniform(0.03, 0.08) : fuss ? rng.uniform(0.015, 0.035) : child.jitter,
      shimmer: growl ? rng.uniform(0.12, 0.25) : fuss ? rng.uniform(0.08, 0.15) : child.shimmer,
      subharmonic: growl ? rng.uniform(0.3, 0.8) : 0,
      openQuotient: kind === 'squeal' ? 0.5 : growl ? 0.45 : child.openQuotient,
    },
    levelOffsetDb: (kind === 'squeal' || fuss ? 3 : growl ? -2 : 0) + rng.normal(0, 3), kind,
  });
}

/** Marginal babbling: 1-2 CV-like syllables with slow transitions and mostly no burst. */
function marginal(ctx: ClassContext): Vocalization {
  const { rng, child, knobs } = ctx;
  const span = eventSpan(ctx, 0.7, 1, 480);
  const durSec = (span[1] - span[0]) / ctx.sampleRateHz;
  const count = durSec > 0.3 && rng.chance(0.5) ? 2 : 1;
  const per = durSec / count;
  const knots = newKnots();
  const bursts: BurstEvent[] = [];
  const f0 = childF0(ctx, rng.normal(0, child.f0RangeSt / 2));
  for (let s = 0; s < count; s++) {
    const closure = Math.min(per * 0.25, rng.uniform(0.02, 0.06));
    const transition = Math.min(per * 0.6, rng.uniform(knobs.marginalTransitionMs[0], knobs.marginalTransitionMs[1]) / 1000);
    addSyllable({
      startSec: s * per, closureSec: closure, transitionSec: transition,
      vowelSec: Math.max(0.01, per - closure - transition - 0.02), place: rng.pick(PLACES), nasal: rng.chance(0.3),
      burst: rng.chance(0.15), vowel: scaledVowel(INFANT_VOWELS, rng.pick(vowelNames(INFANT_VOWELS)), child.vtlCm),
      vtlScale: REFERENCE_VTL_CM / child.vtlCm, f0StartHz: f0, f0EndHz: f0 * rng.uniform(0.85, 1.1),
      amp: rng.uniform(0.6, 1), breathiness: child.breathiness,
    }, knots, bursts, rng);
  }
  return renderEvent(ctx, knots, {
    span, bursts, bandwidthsHz: jitterBandwidths(ctx, INFANT_BANDWIDTHS),
    glottal: { jitter: child.jitter, shimmer: child.shimmer, openQuotient: child.openQuotient },
    levelOffsetDb: rng.normal(0, 2), kind: 'marginal',
  });
}
