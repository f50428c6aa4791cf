// Crying: long, loud, high F0 with an arched (rise-fall) melody, harsh voice (large jitter/shimmer, sometimes
// subharmonics), open vowels with a raised F1, occasional hyperphonation jumps and inspiratory noise; about a
// third are softer, shorter whines.
// Cry acoustics after Lester & LaGasse / Golub & Corwin (infant cry F0 ~ 400-600 Hz, arched contour).
import { INFANT_BANDWIDTHS, INFANT_VOWELS, scaledVowel } from '../vowels.js';
import { childF0, eventSpan, type ClassContext, type Vocalization } from './context.js';
import { jitterBandwidths, newKnots, renderEvent } from './event.js';

/** Generates one Crying clip. */
export function crying(ctx: ClassContext): Vocalization {
  const { rng, child } = ctx;
  // Whines: softer, shorter, less harsh cries that border on fussy Non-canonical sounds.
  const whine = rng.chance(0.3);
  const span = whine ? eventSpan(ctx, 0.5, 0.95) : eventSpan(ctx, 0.85, 1);
  const dur = (span[1] - span[0]) / ctx.sampleRateHz;
  const peak = Math.max(childF0(ctx, rng.uniform(3, 8)), rng.uniform(380, 520));
  const knots = newKnots();
  const inhale = dur > 0.3 && rng.chance(0.25);
  const voicedEnd = inhale ? dur * rng.uniform(0.6, 0.8) : dur;
  const top = voicedEnd * rng.uniform(0.3, 0.6);
  const hyper = rng.chance(0.15);
  knots.f0Knots.push([0, peak * rng.uniform(0.7, 0.9)], [top, peak], [voicedEnd, peak * rng.uniform(0.65, 0.9)]);
  if (hyper) {
    const t = top + rng.uniform(0, 0.1);
    knots.f0Knots.push([t, peak * 2], [t + rng.uniform(0.03, 0.08), peak * 2.1]);
  }
  knots.voiceKnots.push([0, 0], [0.015, 1], [voicedEnd - 0.02, rng.uniform(0.7, 1)], [voicedEnd, 0], [dur, 0]);
  const harsh = whine ? rng.uniform(0.1, 0.2) : rng.uniform(0.15, 0.35);
  knots.noiseKnots.push([0, harsh], [voicedEnd, harsh]);
  if (inhale) knots.noiseKnots.push([voicedEnd + 0.01, 0.1], [voicedEnd + 0.04, 0.8], [dur, 0.3]);
  const vowel = scaledVowel(INFANT_VOWELS, rng.pick(['a', 'ae', 'e']), child.vtlCm);
  const f1 = vowel[0] * rng.uniform(1.05, 1.25);
  knots.formantKnots.push(
    { timeSec: 0, formantsHz: [f1 * 0.85, vowel[1], vowel[2], vowel[3]] },
    { timeSec: top, formantsHz: [f1, vowel[1] * rng.uniform(0.95, 1.08), vowel[2], vowel[3]] },
    { timeSec: dur, formantsHz: [f1 * 0.9, vowel[1], vowel[2], vowel[3]] },
  );
  return renderEvent(ctx, knots, {
    span, bandwidthsHz: jitterBandwidths(ctx, INFANT_BANDWIDTHS, 1.2),
    glottal: {
      jitter: whine ? rng.uniform(0.015, 0.03) : rng.uniform(0.02, 0.05), shimmer: rng.uniform(0.08, 0.2),
      subharmonic: !whine && rng.chance(0.4) ? rng.uniform(0.2, 0.6) : 0, openQuotient: rng.uniform(0.4, 0.55),
    },
    levelOffsetDb: (whine ? 2 : 6) + rng.normal(0, 3),
    kind: whine ? 'whine' : hyper ? 'hyperphonated' : inhale ? 'cry+inhale' : 'cry',
  });
}
