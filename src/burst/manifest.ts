// The dataset manifest and hash of specs/burst-study.md ("Traceability"): per file its relative path, sha256 (a hex
// string — the original stored label files' sha as a [sha, size] pair, a bug), size and mtime; and a dataset hash
// that depends only on the labelled content: sha256 over the sorted `file,start,end,label` lines plus file sizes.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';

export interface ManifestFile {
  readonly relpath: string;
  readonly sha256: string;
  readonly size: number;
  readonly mtime: string;
}

export interface DatasetManifest {
  readonly created_at: string;
  readonly data_dir: string;
  readonly n_audio_files: number;
  readonly n_segments: number;
  readonly label_counts: Record<string, number>;
  readonly files: ManifestFile[];
}

/** The manifest as read from a dataset folder's `manifest.json` (extra keys allowed). */
export const manifestSchema = z.looseObject({
  created_at: z.string().optional(),
  data_dir: z.string().optional(),
  n_audio_files: z.number().int().nonnegative().optional(),
  n_segments: z.number().int().nonnegative().optional(),
  label_counts: z.record(z.string(), z.number()).optional(),
  files: z.array(z.looseObject({ relpath: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative(), mtime: z.string().optional() })),
});

/** sha256 of a file's bytes as lower-case hex. */
export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** One manifest entry for `path` (recorded under `relpath`). */
export function manifestFile(path: string, relpath: string): ManifestFile {
  const stat = statSync(path);
  return { relpath, sha256: sha256File(path), size: stat.size, mtime: stat.mtime.toISOString() };
}

export interface HashedSegment {
  readonly file: string;
  readonly startS: number;
  readonly endS: number;
  readonly label: string;
}

/** sha256 over the sorted `file,start,end,label` lines, then `relpath,size` of every file, sorted. */
export function datasetHash(segments: readonly HashedSegment[], files: readonly { relpath: string; size: number }[]): string {
  const lines = segments.map((s) => `${s.file},${s.startS},${s.endS},${s.label}`).sort();
  const sizes = files.map((f) => `${f.relpath},${f.size}`).sort();
  return createHash('sha256').update(`${lines.join('\n')}\n${sizes.join('\n')}\n`).digest('hex');
}
