// Laughing: rhythmic breathy bursts at 4-6 Hz ("ha-ha"), each an /h/-like aspiration followed by a short
// breathy vowel, F0 raised and stepping down over the bout (Bachorowski, Smoski & Owren, "The acoustic features
// of human laughter", JASA 110, 2001; Nwokah et al. 1993 for infant laughter).
import { INFANT_BANDWIDTHS, INFANT_VOWELS, scaledVowel } from '../vowels.js';
import { childF0, eventSpan, type ClassContext, type Vocalization } from './context.js';
import { jitterBandwidths, newKnots, renderEvent } from './event.js';

/** Generates one Laughing clip. */
export function laughing(ctx: ClassContext): Vocalization {
  const { rng, child } = ctx;
  const span = eventSpan(ctx, 0.75, 1);
  const dur = (span[1] - span[0]) / ctx.sampleRateHz;
  const rate = rng.uniform(4, 6);
  const bursts = Math.max(1, Math.round(dur * rate));
  const period = Math.min(1 / rate, dur / bursts);
  const f0 = childF0(ctx, rng.uniform(2, 7));
  const vowel = scaledVowel(INFANT_VOWELS, rng.pick(['a', 'ae', 'schwa']), child.vtlCm);
  const knots = newKnots();
  knots.formantKnots.push({ timeSec: 0, formantsHz: vowel }, { timeSec: dur, formantsHz: vowel });
  const offset = rng.uniform(0, Math.max(0, dur - bursts * period));
  for (let b = 0; b < bursts; b++) {
    const t0 = offset + b * period * rng.uniform(0.95, 1.05);
    const h = period * rng.uniform(0.15, 0.3);
    const v = period * rng.uniform(0.3, 0.45);
    const amp = rng.uniform(0.6, 1) * Math.pow(0.92, b);
    knots.noiseKnots.push([t0, 0], [t0 + 0.01, 0.6 * amp], [t0 + h, 0.4 * amp], [t0 + h + v, 0.2 * amp], [t0 + h + v + 0.02, 0]);
    knots.voiceKnots.push([t0 + h * 0.8, 0], [t0 + h + 0.012, amp], [t0 + h + v, 0.5 * amp], [t0 + h + v + 0.015, 0]);
    const fb = f0 * Math.pow(2, (-1.2 * b + rng.normal(0, 1)) / 12);
    knots.f0Knots.push([t0 + h, fb], [t0 + h + v, fb * rng.uniform(0.85, 1)]);
  }
  return renderEvent(ctx, knots, {
    span, bandwidthsHz: jitterBandwidths(ctx, INFANT_BANDWIDTHS, 1.2),
    glottal: { jitter: child.jitter * 1.5, shimmer: child.shimmer * 1.5, openQuotient: 0.78 },
    levelOffsetDb: 2 + rng.normal(0, 3), kind: `laugh-${bursts}`,
  });
}
