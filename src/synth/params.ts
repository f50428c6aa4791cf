// The `synthesize:` section of params.yaml: validated with zod and mapped to SynthOptions. Keys are snake_case
// as in the rest of params.yaml; every key is optional and defaults to DEFAULT_SYNTH_OPTIONS.
import { z } from 'zod';
import { JUNK_KINDS } from './classes/junk.js';
import { DEFAULT_SYNTH_OPTIONS, type SynthOptions } from './options.js';

const range = (lo: number, hi: number) =>
  z.tuple([z.number().min(lo).max(hi), z.number().min(lo).max(hi)]).refine((r) => r[0] <= r[1], 'must be [low, high] with low <= high');
const share = z.number().min(0).max(1);
const corpusName = z.string().regex(/^[^,"\n\r]+$/, 'must be a non-empty name without commas, quotes or line breaks');

/** Schema of params.yaml `synthesize:` (unknown keys are errors, to catch typos). */
export const synthesizeParamsSchema = z.strictObject({
  seed: z.number().int().min(0).max(0xffffffff).optional(),
  n_clips: z.number().int().min(5).max(200000).optional(),
  n_children: z.number().int().min(2).max(9999).optional(),
  corpora: z.tuple([corpusName, corpusName]).refine((c) => c[0] !== c[1], 'must be two different names').optional(),
  snr_db_range: range(-30, 80).optional(),
  snr_clip_spread_db: z.number().min(0).max(30).optional(),
  label_noise: share.optional(),
  reverb_share: share.optional(),
  child_variability: z.number().min(0).max(5).optional(),
  duration_range_s: range(0.005, 10).optional(),
  chunk_s: z.number().positive().max(10).optional(),
  chunk_share: share.optional(),
  canonical_transition_ms: range(1, 500).optional(),
  marginal_transition_ms: range(1, 1000).optional(),
  noncanonical_cv_share: z.number().min(0).max(0.62).optional(),
  junk_mix: z.strictObject(Object.fromEntries(JUNK_KINDS.map((k) => [k, z.number().min(0).optional()])) as Record<(typeof JUNK_KINDS)[number], z.ZodOptional<z.ZodNumber>>).optional(),
});

export type SynthesizeParams = z.infer<typeof synthesizeParamsSchema>;

/** Validates a parsed `synthesize:` section; returns options or a one-line error naming params.yaml and the key. */
export function parseSynthesizeParams(section: unknown): { ok: true; options: SynthOptions } | { ok: false; message: string } {
  const parsed = synthesizeParamsSchema.safeParse(section ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = ['synthesize', ...(issue?.path ?? []).map(String)].join('.');
    return { ok: false, message: `params.yaml: ${key}: ${issue?.message ?? 'invalid value'}` };
  }
  const p = parsed.data;
  const d = DEFAULT_SYNTH_OPTIONS;
  const durations = p.duration_range_s ?? [d.minDurationSec, d.maxDurationSec];
  const junkMix = JUNK_KINDS.map((k, i) => p.junk_mix?.[k] ?? (p.junk_mix === undefined ? (d.classKnobs.junkMix[i] ?? 0) : 0));
  if (!junkMix.some((w) => w > 0)) return { ok: false, message: 'params.yaml: synthesize.junk_mix: needs at least one positive weight' };
  return {
    ok: true,
    options: {
      seed: p.seed ?? d.seed,
      nClips: p.n_clips ?? d.nClips,
      nChildren: p.n_children ?? d.nChildren,
      sampleRateHz: d.sampleRateHz,
      corpora: p.corpora ?? d.corpora,
      snrDbRange: p.snr_db_range ?? d.snrDbRange,
      snrClipSpreadDb: p.snr_clip_spread_db ?? d.snrClipSpreadDb,
      labelNoise: p.label_noise ?? d.labelNoise,
      reverbShare: p.reverb_share ?? d.reverbShare,
      childVariability: p.child_variability ?? d.childVariability,
      minDurationSec: durations[0],
      maxDurationSec: durations[1],
      chunkSec: p.chunk_s ?? d.chunkSec,
      chunkShare: p.chunk_share ?? d.chunkShare,
      classKnobs: {
        canonicalTransitionMs: p.canonical_transition_ms ?? d.classKnobs.canonicalTransitionMs,
        marginalTransitionMs: p.marginal_transition_ms ?? d.classKnobs.marginalTransitionMs,
        nonCanonicalCvShare: p.noncanonical_cv_share ?? d.classKnobs.nonCanonicalCvShare,
        junkMix,
      },
    },
  };
}
