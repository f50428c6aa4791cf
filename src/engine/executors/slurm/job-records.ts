// The jobs a run has submitted, recorded in .pipe/slurm/jobs.json as they are submitted (written to a temporary
// name, then renamed), so that a `pipe repro` started again reattaches to them and `pipe cancel` finds them.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { StageJob } from '../executor.js';

const recordSchema = z.object({
  /** The submission's job id (an array's id for its tasks). */
  jobId: z.string(),
  /** This stage's task id: `123` or `123_4`. */
  taskId: z.string(),
  /** Root-relative directory of the submission. */
  dir: z.string(),
  index: z.number().int().min(0),
  /** Digest of what the job runs: a changed stage is never reattached. */
  spec: z.string(),
  submittedAtMs: z.number(),
});
const fileSchema = z.object({ jobs: z.record(z.string(), recordSchema) });

export type JobRecord = z.infer<typeof recordSchema>;

/** Path of the records file under the project's `.pipe/`. */
export function recordsFile(pipeDir: string): string {
  return path.join(pipeDir, 'slurm', 'jobs.json');
}

/** The recorded jobs by stage; an absent or unreadable file is an empty record. */
export function readRecords(pipeDir: string): Map<string, JobRecord> {
  try {
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(recordsFile(pipeDir), 'utf8')));
    return parsed.success ? new Map(Object.entries(parsed.data.jobs)) : new Map();
  } catch {
    return new Map();
  }
}

/** Replaces the records file with `records` (atomically). */
export function writeRecords(pipeDir: string, records: ReadonlyMap<string, JobRecord>): void {
  const file = recordsFile(pipeDir);
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const jobs = Object.fromEntries([...records.entries()].sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(tmp, JSON.stringify({ jobs }, null, 1) + '\n');
  renameSync(tmp, file);
}

/** Digest of what a job runs (commands, wdir, resources): equal digests may reattach. */
export function jobSpecDigest(job: StageJob): string {
  const spec = JSON.stringify([job.commands, job.cwd, job.resources ?? {}]);
  return createHash('sha256').update(spec).digest('hex').slice(0, 16);
}
