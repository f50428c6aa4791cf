// Reading and extracting one batch of files with an open extractor: the unit of work of a thread or worker.
import { decodeWav, readWavBytes, WavError } from '../audio/wav-decode.js';
import type { FeatureExtractor, FeatureRow, MonoAudio } from './types.js';

export type ClipResult = { readonly ok: true; readonly clip: MonoAudio } | { readonly ok: false; readonly reason: string };

/** Reads and decodes a WAV file; an unreadable or undecodable file gives `{ok: false, reason}` (no path in it). */
export function readClip(path: string): ClipResult {
  try {
    const wav = decodeWav(readWavBytes(path));
    return { ok: true, clip: { samples: wav.samples, sampleRateHz: wav.sampleRateHz } };
  } catch (error) {
    if (error instanceof WavError) return { ok: false, reason: error.message };
    throw error;
  }
}

/** Extracts the files at `paths`, in order; files that cannot be decoded give a failed row with the reason. */
export async function extractFiles(extractor: FeatureExtractor, paths: readonly string[], frames: boolean): Promise<FeatureRow[]> {
  const rows: (FeatureRow | undefined)[] = new Array<FeatureRow | undefined>(paths.length);
  const clips: MonoAudio[] = [];
  const clipIndex: number[] = [];
  paths.forEach((path, i) => {
    const read = readClip(path);
    if (read.ok) {
      clips.push(read.clip);
      clipIndex.push(i);
    } else {
      rows[i] = { ok: false, reason: read.reason, badFile: true };
    }
  });
  if (clips.length > 0) {
    const extracted = await extractor.extractBatch(clips, { frames });
    if (extracted.length !== clips.length) throw new Error(`extractor returned ${extracted.length} rows for ${clips.length} clips`);
    extracted.forEach((row, j) => (rows[clipIndex[j]!] = row));
  }
  return rows.map((row) => row!);
}
