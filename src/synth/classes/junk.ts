// Junk: everything that is not an infant vocalization - silence (only the room), rustling noise, mains hum,
// clicks/taps, distant adult babble and breathing (aspiration through the child's tract without voicing).
import { adultBabble } from '../babble.js';
import { applyBiquad, biquad } from '../biquad.js';
import { clickNoise, humNoise, pinkNoise, whiteNoise } from '../noise.js';
import { fadeEdges } from '../mix.js';
import { INFANT_BANDWIDTHS, INFANT_VOWELS, scaledVowel } from '../vowels.js';
import { eventSpan, type ClassContext, type Vocalization } from './context.js';
import { newKnots, renderEvent } from './event.js';

/** Junk sub-kinds, in the order of the `junkMix` weights. */
export const JUNK_KINDS = ['silence', 'rustle', 'hum', 'clicks', 'babble', 'breath'] as const;

/** Default `junkMix` weights. */
export const DEFAULT_JUNK_MIX = [0.2, 0.2, 0.1, 0.15, 0.2, 0.15] as const;

/** Generates one Junk clip. */
export function junk(ctx: ClassContext): Vocalization {
  const kind = JUNK_KINDS[ctx.rng.weighted(ctx.knobs.junkMix)] ?? 'silence';
  if (kind === 'breath') return breath(ctx);
  const { rng, n } = ctx;
  if (kind === 'silence') return { samples: new Float32Array(n), activeStart: 0, activeEnd: 0, levelOffsetDb: 0, kind };
  const span = kind === 'hum' || kind === 'babble' ? eventSpan(ctx, 0.9, 1) : eventSpan(ctx, 0.2, 1);
  const len = span[1] - span[0];
  let event: Float32Array;
  let levelOffsetDb: number;
  if (kind === 'rustle') {
    event = rng.chance(0.5) ? pinkNoise(len, rng, ctx.sampleRateHz) : whiteNoise(len, rng);
    const fc = rng.uniform(300, 5000);
    applyBiquad(event, biquad('bandpass', { frequencyHz: fc, q: rng.uniform(0.4, 2), sampleRateHz: ctx.sampleRateHz }));
    shapeEnvelope(event, rng.uniform(0.05, 0.5), rng.uniform(0.1, 0.9));
    levelOffsetDb = rng.uniform(-10, 0);
  } else if (kind === 'hum') {
    event = humNoise(len, rng, ctx.child.recording.humHz, ctx.sampleRateHz);
    levelOffsetDb = rng.uniform(-14, -4);
  } else if (kind === 'clicks') {
    event = clickNoise(len, rng, rng.uniform(4, 40), ctx.sampleRateHz);
    levelOffsetDb = rng.uniform(-10, 0);
  } else {
    event = adultBabble(len, rng, { talkers: rng.int(1, 3), sampleRateHz: ctx.sampleRateHz });
    levelOffsetDb = rng.uniform(-12, -3);
  }
  fadeEdges(event, Math.min(48, len / 8));
  const samples = new Float32Array(n);
  samples.set(event, span[0]);
  return { samples, activeStart: span[0], activeEnd: span[1], levelOffsetDb, kind };
}

/** Breathing: noise-excited infant tract, one in- or exhalation. */
function breath(ctx: ClassContext): Vocalization {
  const { rng, child } = ctx;
  const span = eventSpan(ctx, 0.4, 1);
  const dur = (span[1] - span[0]) / ctx.sampleRateHz;
  const knots = newKnots();
  knots.f0Knots.push([0, child.f0BaseHz]);
  knots.voiceKnots.push([0, 0]);
  knots.noiseKnots.push([0, 0], [dur * rng.uniform(0.2, 0.5), 1], [dur, 0]);
  const v = scaledVowel(INFANT_VOWELS, rng.pick(['schwa', 'a', 'o']), child.vtlCm);
  knots.formantKnots.push({ timeSec: 0, formantsHz: v });
  return renderEvent(ctx, knots, {
    span, bandwidthsHz: INFANT_BANDWIDTHS, glottal: {}, levelOffsetDb: rng.uniform(-16, -6), kind: 'breath',
  });
}

/** Multiplies `x` in place by an attack-decay envelope peaking at `peakAt` (fraction of the length). */
function shapeEnvelope(x: Float32Array, attackShare: number, peakAt: number): void {
  const peak = Math.floor(x.length * Math.min(peakAt, 1 - 1e-6));
  const attack = Math.max(1, Math.floor(peak * attackShare) || 1);
  for (let i = 0; i < x.length; i++) {
    const g = i < peak ? Math.min(1, (i - (peak - attack)) / attack) : Math.exp((-(i - peak) / x.length) * 4);
    x[i] = (x[i] as number) * Math.max(0, g);
  }
}
