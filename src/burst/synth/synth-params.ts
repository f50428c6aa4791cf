// Parameters of the burst demo-data generator (`synth:` in studies/burst/params.yaml), validated at the boundary.
import { z } from 'zod';

export const synthParamsSchema = z.strictObject({
  /** Seed of everything drawn. */
  seed: z.number().int().default(7),
  /** Number of recordings (rooms cycle through `rooms`). */
  recordings: z.number().int().min(1).default(16),
  /** Each recording's length is drawn uniformly from this range, in seconds. */
  duration_s: z.tuple([z.number().positive(), z.number().positive()]).default([15, 25]),
  /** Share of events of each class (b, mb, h); normalised. */
  class_shares: z.tuple([z.number().nonnegative(), z.number().nonnegative(), z.number().nonnegative()]).default([0.55, 0.3, 0.15]),
  /** Signal-to-noise ratio of events against the room noise, dB, drawn per event. */
  snr_db: z.tuple([z.number(), z.number()]).default([-3, 18]),
  /** Share of events whose label is replaced by another class (annotator mistakes). */
  label_noise: z.number().min(0).max(1).default(0.06),
  /** Distinct rooms (reverberation, noise colour, hum). */
  rooms: z.number().int().min(1).default(4),
});

export type SynthParams = z.infer<typeof synthParamsSchema>;
