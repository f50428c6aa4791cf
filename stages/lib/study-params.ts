// The study's params.yaml sections (data, ingest, validate, features, tuning, train), validated at the boundary:
// a bad value is one line naming `params.yaml:section.key` and what is wrong.
import { readYamlFile } from './read-yaml.js';
import { z } from 'zod';
import { StageError } from './stage-error.js';

export const PARAMS_FILE = 'params.yaml';

const LABEL_CAPS = z.record(z.string(), z.number().int().positive().nullable());
const SPACE_ENTRY = z.union([
  z.strictObject({ type: z.literal('int'), low: z.number().int(), high: z.number().int(), log: z.boolean().optional() }),
  z.strictObject({ type: z.literal('float'), low: z.number(), high: z.number(), log: z.boolean().optional() }),
  z.strictObject({ type: z.literal('categorical'), choices: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1) }),
]);
const FEATURE_PARAMS = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable();

const studySchema = z.object({
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
  features: z.object({ sets: z.array(z.string()).min(1), workers: z.number().int().nonnegative().default(0) }).catchall(FEATURE_PARAMS),
  tuning: z.strictObject({
    n_trials: z.number().int().positive(),
    n_startup_trials: z.number().int().nonnegative(),
    seed: z.number().int(),
    concurrency: z.number().int().positive(),
    smote_k: z.number().int().positive(),
    early_stopping_rounds: z.number().int().positive().nullable().default(null),
    space: z.record(z.string(), SPACE_ENTRY),
  }),
  train: z.strictObject({
    seed: z.number().int(),
    tree_method: z.enum(['hist', 'exact']),
    max_bin: z.number().int().min(2).default(256),
  }),
});

export type StudyParams = z.infer<typeof studySchema>;
export type SearchSpaceParams = StudyParams['tuning']['space'];

/** Loads and validates params.yaml (in the current directory, the project root when run by `pipe`). */
export function loadStudyParams(file = PARAMS_FILE): StudyParams {
  return readYamlFile(file, studySchema);
}

/** The params of one feature set (`features.<name>`), nulls dropped, as the feature registry expects. */
export function featureSetParams(params: StudyParams, set: string): Record<string, string | number | boolean> {
  const raw = params.features[set];
  if (raw === undefined && !['egemaps', 'mfcc'].includes(set)) {
    throw new StageError(`${PARAMS_FILE}:features.${set}: no section for feature set '${set}' listed in features.sets`);
  }
  const out: Record<string, string | number | boolean> = {};
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [key, value] of Object.entries(raw)) if (value !== null) out[key] = value as string | number | boolean;
  }
  return out;
}
