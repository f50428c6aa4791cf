// The on-disk shape of `bundle.json` (format pipe-model-bundle/1), validated with zod at load time.
import { z } from 'zod';

export const BUNDLE_FORMAT = 'pipe-model-bundle/1';
export const BUNDLE_FILE = 'bundle.json';
export const MODEL_FILE = 'model.json';

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const bundleJsonSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  feature_set: z.string().min(1),
  feature_params: z.record(z.string(), scalar),
  columns: z.array(z.string()).min(1),
  classes: z.array(z.string()).min(2),
  imputer: z.object({
    kind: z.literal('median-imputer'),
    version: z.literal(1),
    fill: z.array(z.number()),
    allMissingColumns: z.array(z.number().int().nonnegative()),
  }),
  label_encoder: z.object({
    kind: z.literal('label-encoder'),
    version: z.literal(1),
    classes: z.array(z.string()),
  }),
  training: z.object({
    params: z.record(z.string(), scalar),
    n_train_rows: z.number().int().nonnegative(),
    seed: z.number().int(),
  }),
  reference: z.object({
    columns: z.array(z.string()),
    /** One row of quantiles (equally spaced probabilities 0..1) per column. */
    quantiles: z.array(z.array(z.number())),
  }),
});

/** `bundle.json` as validated. */
export type BundleJson = z.infer<typeof bundleJsonSchema>;

/** Formats zod issues as one line: `path: message; …`. */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

export { stableJson } from '../util/stable-json.js';
