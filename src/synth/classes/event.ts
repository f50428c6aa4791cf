// Turns knot lists into a placed, faded foreground event.
import { addBursts, type BurstEvent, type KnotBuilder } from '../consonant.js';
import { addAt, fadeEdges, rms } from '../mix.js';
import { renderVoice } from '../voice.js';
import type { FormantSet } from '../vowels.js';
import type { GlottalOptions } from '../glottal.js';
import type { ClassContext, Vocalization } from './context.js';

/** An empty knot builder. */
export function newKnots(): KnotBuilder {
  return { f0Knots: [], voiceKnots: [], noiseKnots: [], formantKnots: [] };
}

export interface EventOptions {
  readonly span: readonly [number, number];
  readonly bandwidthsHz: FormantSet;
  readonly glottal: GlottalOptions;
  readonly bursts?: readonly BurstEvent[];
  readonly levelOffsetDb: number;
  readonly kind: string;
}

/** Renders the knots over the event span, adds bursts, fades the edges and places it in an n-sample clip. */
export function renderEvent(ctx: ClassContext, knots: KnotBuilder, options: EventOptions): Vocalization {
  const [start, end] = options.span;
  const len = end - start;
  const voice = renderVoice({
    f0Knots: knots.f0Knots,
    voiceKnots: knots.voiceKnots,
    noiseKnots: knots.noiseKnots,
    formantKnots: knots.formantKnots,
    bandwidthsHz: options.bandwidthsHz,
    glottal: options.glottal,
  }, len, ctx.rng, ctx.sampleRateHz);
  if (options.bursts !== undefined && options.bursts.length > 0) {
    addBursts(voice, options.bursts, rms(voice), ctx.rng, ctx.sampleRateHz);
  }
  fadeEdges(voice, Math.min(48, len / 8));
  const samples = addAt(new Float32Array(ctx.n), voice, start);
  return { samples, activeStart: start, activeEnd: end, levelOffsetDb: options.levelOffsetDb, kind: options.kind };
}

/** Scales the child's bandwidth set a little per clip (infant formants are broad and variable). */
export function jitterBandwidths(ctx: ClassContext, base: FormantSet, factor = 1): FormantSet {
  const g = factor * ctx.rng.uniform(0.85, 1.2);
  return [base[0] * g, base[1] * g, base[2] * g, base[3] * g];
}
