// The burst study's params.yaml (studies/burst/params.yaml), one section per concern, validated at the boundary.
import { z } from 'zod';
import { synthParamsSchema } from './synth/synth-params.js';

export const studyParamsSchema = z.strictObject({
  synth: synthParamsSchema.default(synthParamsSchema.parse({})),
  data: z.strictObject({
    /** The labelled dataset folder (relative to the pipeline folder): the demo, or an exported snapshot. */
    dir: z.string().min(1),
    /** 'error': an unknown label, malformed line or unpaired file stops the run; 'skip': warn and leave it out. */
    on_problem: z.enum(['error', 'skip']).default('error'),
  }),
  split: z.strictObject({
    /** Share of recordings held out for the final evaluation. */
    test_share: z.number().gt(0).lt(1).default(0.25),
    seed: z.number().int().default(42),
  }),
  train: z.strictObject({
    cv: z.enum(['none', 'kfold', 'lofo']).default('kfold'),
    folds: z.number().int().min(2).default(5),
    /** Validation share of the training recordings when cv is none. */
    val_share: z.number().gt(0).lt(1).default(0.2),
    epochs: z.number().int().min(1).default(5),
    batch_size: z.number().int().min(1).default(16),
    learning_rate: z.number().positive().default(0.001),
    seed: z.number().int().default(42),
    augment: z.boolean().default(true),
    select_by: z.enum(['accuracy', 'macro_f1']).default('accuracy'),
    dropout: z.number().min(0).lt(1).default(0.3),
    /** Shortest fixed segment length; the longest training segment wins when longer. */
    min_segment_s: z.number().positive().default(0.5),
    /** Threads of the network's kernels (1 or more). */
    threads: z.number().int().min(1).default(2),
  }),
  gate: z.strictObject({
    rules: z.array(z.string()).min(1),
  }),
});

export type StudyParams = z.infer<typeof studyParamsSchema>;
