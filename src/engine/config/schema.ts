// The pipeline.yaml schema (DVC's dvc.yaml), validated at the boundary with zod; the JSON Schema in
// schema/pipeline.schema.json is generated from these definitions.
import { z } from 'zod';
import { placementSchema, resourcesSchema } from '../resources.js';

const outFlags = z.strictObject({
  cache: z.boolean().optional(),
  persist: z.boolean().optional(),
  desc: z.string().optional(),
  remote: z.string().optional(),
  push: z.boolean().optional(),
  checkpoint: z.boolean().optional(), // DVC 3 accepts it, gives it no meaning; warned about (ignored-keys.ts)
  type: z.string().optional(),
  labels: z.array(z.string()).optional(),
  meta: z.unknown().optional(),
});

const plotFlags = outFlags.extend({
  x: z.string().optional(),
  y: z.string().optional(),
  template: z.string().optional(),
  title: z.string().optional(),
  x_label: z.string().optional(),
  y_label: z.string().optional(),
  header: z.boolean().optional(),
});

/** `path` or `{path: {cache, persist, desc}}`. */
export const outEntrySchema = z.union([z.string(), z.record(z.string(), outFlags.nullable())], {
  error: 'expected a path or a mapping {path: {cache, persist, desc}}',
});
export const plotEntrySchema = z.union([z.string(), z.record(z.string(), z.union([plotFlags.nullable(), z.array(plotFlags)]))], {
  error: 'expected a path or a mapping {path: {x, y, template, cache, persist}}',
});

/** `key`, `a.b.c`, `{file.yaml: [keys]}` or `{file.yaml: null}`. */
export const paramEntrySchema = z.union([z.string(), z.record(z.string(), z.array(z.string()).nullable())], {
  error: 'expected a key or a mapping {params-file: [keys] | null}',
});

const varsEntry = z.union([z.string(), z.record(z.string(), z.unknown())], {
  error: 'expected a file name or a mapping of values',
});

const stageFields = {
  cmd: z.union([z.string(), z.array(z.string())], { error: 'expected a command string or a list of commands' }),
  wdir: z.string().optional(),
  deps: z.array(z.string()).optional(),
  params: z.array(paramEntrySchema).optional(),
  outs: z.array(outEntrySchema).optional(),
  metrics: z.array(outEntrySchema).optional(),
  plots: z.array(plotEntrySchema).optional(),
  frozen: z.boolean().optional(),
  always_changed: z.boolean().optional(),
  desc: z.string().optional(),
  meta: z.unknown().optional(),
  vars: z.array(varsEntry).optional(),
  resources: resourcesSchema.optional(),
  executor: placementSchema.optional(),
};

/** A plain stage. */
export const stageSchema = z.strictObject(stageFields);
export type RawStage = z.infer<typeof stageSchema>;

/** `foreach` over a list, a mapping or `${var}`, with the stage template under `do`. */
export const foreachSchema = z.strictObject({
  foreach: z.union([z.string(), z.array(z.unknown()), z.record(z.string(), z.unknown())], {
    error: 'expected a list, a mapping or ${var}',
  }),
  do: stageSchema,
});

/** A stage with a `matrix` of named axes, each a list or `${var}`. */
export const matrixSchema = z.strictObject({
  ...stageFields,
  matrix: z.record(z.string(), z.union([z.string(), z.array(z.unknown())], { error: 'expected a list or ${var}' })),
});

/** The top level; each stage is validated separately by its kind (plain, foreach, matrix). */
export const pipelineSchema = z.strictObject({
  stages: z.record(z.string(), z.record(z.string(), z.unknown()), { error: 'expected a mapping of stage name to stage' }),
  vars: z.array(varsEntry).optional(),
  params: z.array(z.string()).optional(),
  metrics: z.array(z.string()).optional(),
  plots: z.unknown().optional(),
  artifacts: z.unknown().optional(),
  datasets: z.unknown().optional(),
});
export type RawPipeline = z.infer<typeof pipelineSchema>;

/** Keys each kind of object accepts, for did-you-mean suggestions. */
export const knownKeys = {
  stage: Object.keys(stageFields),
  foreach: ['foreach', 'do'],
  matrix: [...Object.keys(stageFields), 'matrix'],
  top: ['stages', 'vars', 'params', 'metrics', 'plots', 'artifacts', 'datasets'],
} as const;
