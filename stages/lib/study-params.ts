// The study's params.yaml sections (synthesize, data, ingest, validate, features, tuning, train), validated at the
// boundary with the libraries' own schemas (synthesiser options, each registered feature set's params, gradient
// boosting params): a bad value is one line naming `params.yaml:section.key…` and what is wrong, whichever stage
// reads the file first.
import { z } from 'zod';
import { FEATURE_SETS } from '../../src/features/index.js';
import { gbdtParamsSchema, medianPruner, successiveHalvingPruner, type Pruner } from '../../src/ml/index.js';
import { synthesizeParamsSchema } from '../../src/synth/index.js';
import { readYamlFile } from './read-yaml.js';

export const PARAMS_FILE = 'params.yaml';

const LABEL_CAPS = z.record(z.string(), z.number().int().positive().nullable());
const SPACE_ENTRY = z.union([
  z.strictObject({ type: z.literal('int'), low: z.number().int(), high: z.number().int(), log: z.boolean().optional() }),
  z.strictObject({ type: z.literal('float'), low: z.number(), high: z.number(), log: z.boolean().optional() }),
  z.strictObject({ type: z.literal('categorical'), choices: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1) }),
]);
const FEATURE_PARAMS = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable();
const GBDT = gbdtParamsSchema.shape;

const count = (min: number) => z.number({ error: `expected an integer ≥ ${min}` }).int({ error: `expected an integer ≥ ${min}` }).min(min, { error: `expected an integer ≥ ${min}` });
const PRUNER_TYPES = ['none', 'median', 'successive_halving'] as const;
const prunerTypeOf = (input: unknown): string => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return JSON.stringify(input) ?? 'nothing';
  return 'type' in input ? JSON.stringify(input.type) : 'a mapping without type';
};
/** tuning.pruner: a type name (Optuna's defaults) or a mapping {type, …options}; see docs/pipeline.md, Pruning. */
const PRUNER = z.preprocess(
  (v) => (typeof v === 'string' ? { type: v } : v),
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('none') }),
    z.strictObject({
      type: z.literal('median'),
      n_startup_trials: count(0).default(5),
      n_warmup_steps: count(0).default(0),
      interval_steps: count(1).default(1),
      n_min_trials: count(1).default(1),
    }),
    z.strictObject({
      type: z.literal('successive_halving'),
      min_resource: z.union([z.literal('auto'), count(1)], { error: "expected 'auto' or an integer ≥ 1" }).default('auto'),
      reduction_factor: count(2).default(4),
      min_early_stopping_rate: count(0).default(0),
      bootstrap_count: count(0).default(0),
    }),
  ], { error: (issue) => `expected ${PRUNER_TYPES.join(', ')} or a mapping with type: one of them, got ${prunerTypeOf(issue.input)}` }),
).superRefine((p, ctx) => {
  if (p.type === 'successive_halving' && p.bootstrap_count > 0 && p.min_resource === 'auto') {
    ctx.addIssue({ code: 'custom', path: ['bootstrap_count'], message: "needs min_resource set to an integer, not 'auto' (as Optuna)" });
  }
}).default({ type: 'none' });

/** Every listed feature set is registered; each listed set's section (absent: empty) and every other registered
 * set's section that is present pass that set's own params schema. */
function checkFeatureSections(features: { sets: string[] } & Record<string, unknown>, ctx: z.RefinementCtx): void {
  features.sets.forEach((name, i) => {
    if (!FEATURE_SETS.has(name)) ctx.addIssue({ code: 'custom', path: ['sets', i], message: `unknown feature set '${name}' (known: ${[...FEATURE_SETS.keys()].join(', ')})` });
  });
  for (const [name, set] of FEATURE_SETS) {
    const section = features[name];
    if (section === undefined && !features.sets.includes(name)) continue;
    const parsed = set.paramsSchema.safeParse(section ?? {});
    const issue = parsed.success ? undefined : parsed.error.issues[0];
    if (issue !== undefined) ctx.addIssue({ code: 'custom', path: [name, ...issue.path], message: issue.message });
  }
}

/** Every searched name is a gradient-boosting parameter and every bound or choice is a valid value of it. */
function checkSearchSpace(space: Record<string, z.infer<typeof SPACE_ENTRY>>, ctx: z.RefinementCtx): void {
  for (const [name, entry] of Object.entries(space)) {
    const schema = (GBDT as Record<string, z.ZodType | undefined>)[name];
    if (schema === undefined) {
      ctx.addIssue({ code: 'custom', path: [name], message: 'not a gradient-boosting parameter (see docs/gbdt.md)' });
      continue;
    }
    const values: [string | number, unknown][] = entry.type === 'categorical' ? entry.choices.map((c, i) => [i, c]) : [['low', entry.low], ['high', entry.high]];
    for (const [key, value] of values) {
      const parsed = schema.safeParse(value);
      if (!parsed.success) ctx.addIssue({ code: 'custom', path: entry.type === 'categorical' ? [name, 'choices', key] : [name, key], message: parsed.error.issues[0]?.message ?? 'invalid' });
    }
  }
}

const studySchema = z.object({
  synthesize: synthesizeParamsSchema.optional(),
  data: z.strictObject({ metadata: z.string().min(1), audio_dir: z.string().min(1) }),
  ingest: z.strictObject({
    seed: z.number().int(),
    train_share: z.number().gt(0).lt(1),
    class_caps: LABEL_CAPS.default({}),
  }),
  validate: z.strictObject({
    labels: z.array(z.string()).min(2),
    min_duration_s: z.number().nonnegative(),
    max_duration_s: z.number().positive(),
    drift_feature_threshold: z.number().positive(),
    drift_share_threshold: z.number().min(0).max(1),
  }),
  features: z.object({ sets: z.array(z.string()).min(1), workers: z.number().int().nonnegative().default(0) }).catchall(FEATURE_PARAMS)
    .superRefine(checkFeatureSections),
  tuning: z.strictObject({
    n_trials: z.number().int().positive(),
    n_startup_trials: z.number().int().nonnegative(),
    seed: z.number().int(),
    concurrency: z.number().int().positive(),
    smote_k: z.number().int().positive(),
    early_stopping_rounds: z.number().int().positive().nullable().default(null),
    pruner: PRUNER,
    space: z.record(z.string(), SPACE_ENTRY).superRefine(checkSearchSpace),
  }),
  train: z.strictObject({
    seed: GBDT.seed.unwrap(),
    tree_method: z.enum(['hist', 'exact']),
    max_bin: GBDT.max_bin.unwrap().default(256),
  }),
});

export type StudyParams = z.infer<typeof studySchema>;
export type SearchSpaceParams = StudyParams['tuning']['space'];

/** Loads and validates params.yaml (in the current directory, the project root when run by `pipe`). */
export function loadStudyParams(file = PARAMS_FILE): StudyParams {
  return readYamlFile(file, studySchema);
}

/** The params of one feature set (`features.<name>`, absent: none), nulls dropped, as the feature registry expects
 * (loadStudyParams has checked them against the set's schema). */
export function featureSetParams(params: StudyParams, set: string): Record<string, string | number | boolean> {
  const raw = params.features[set];
  const out: Record<string, string | number | boolean> = {};
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [key, value] of Object.entries(raw)) if (value !== null) out[key] = value as string | number | boolean;
  }
  return out;
}

/** The search's pruner from `tuning.pruner` (undefined for none): Optuna's pruners on the valid mlogloss curve. */
export function tuningPruner(params: StudyParams): Pruner | undefined {
  const p = params.tuning.pruner;
  if (p.type === 'median') {
    return medianPruner({ nStartupTrials: p.n_startup_trials, nWarmupSteps: p.n_warmup_steps, intervalSteps: p.interval_steps, nMinTrials: p.n_min_trials });
  }
  if (p.type === 'successive_halving') {
    return successiveHalvingPruner({
      minResource: p.min_resource, reductionFactor: p.reduction_factor, minEarlyStoppingRate: p.min_early_stopping_rate, bootstrapCount: p.bootstrap_count,
    });
  }
  return undefined;
}

/** XGBoost params every tuning trial shares (tree method, bins, seed, early stopping). */
export function trialFixedParams(params: StudyParams): Record<string, number | string> {
  const fixed: Record<string, number | string> = { tree_method: params.train.tree_method, max_bin: params.train.max_bin, seed: params.train.seed };
  if (params.tuning.early_stopping_rounds !== null) fixed['early_stopping_rounds'] = params.tuning.early_stopping_rounds;
  return fixed;
}
