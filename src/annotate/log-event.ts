// One line of the provenance log: who did what to which suggestion, when, with the original suggestion
// beside the new label and boundaries, so the log alone tells the whole history.
import { z } from 'zod';

export const ACTIONS = ['accept', 'relabel', 'adjust', 'split', 'delete', 'add', 'skip', 'uncertain', 'comment', 'undo', 'resolve'] as const;
export type Action = (typeof ACTIONS)[number];

/** Actions that decide an item (the last one not undone is the annotator's version). */
export const DECIDING: ReadonlySet<Action> = new Set(['accept', 'relabel', 'adjust', 'split', 'delete', 'add', 'skip', 'uncertain', 'resolve']);

export const ROLES = ['viewer', 'annotator', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

const seconds = z.number().finite().nonnegative();
export const regionSchema = z.object({ start: seconds, end: seconds, label: z.string().min(1).max(64) }).strict();
export type Region = z.infer<typeof regionSchema>;

export const originalSchema = z
  .object({ model: z.string(), audio_file: z.string(), label: z.string(), probability: z.number().nullable(), start: z.number(), end: z.number() })
  .strict();
export type Original = z.infer<typeof originalSchema>;

export const logEventSchema = z
  .object({
    v: z.literal(1),
    id: z.string(),
    time: z.string(),
    annotator: z.string(),
    role: z.enum(ROLES),
    item: z.string(),
    original: originalSchema.nullable(),
    action: z.enum(ACTIONS),
    label: z.string().optional(),
    start: z.number().optional(),
    end: z.number().optional(),
    /** The annotator's regions for the item after this action ([] after delete). */
    regions: z.array(regionSchema).optional(),
    comment: z.string().optional(),
    /** undo: the id of the event it takes back. */
    undoes: z.string().optional(),
    /** resolve: whose version the reviewer took ('' for the reviewer's own). */
    from: z.string().optional(),
    /** resolve: the status the reviewer decided. */
    status: z.string().optional(),
  })
  .strict();
export type LogEvent = z.infer<typeof logEventSchema>;
