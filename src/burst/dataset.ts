// Loading a labelled burst dataset folder (the contract shared with `pipe annotate export`): recordings paired with
// label files, decoded, resampled to 22,050 Hz (torchaudio's resampler) and mixed to mono; every problem found is
// reported with its file (and line), and the load fails unless the policy allows skipping.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resampleTorchaudio } from '../audio/torchaudio-resample.js';
import { decodeWavFile, WavError } from '../audio/wav-decode.js';
import { BurstError } from './burst-error.js';
import { BURST_CLASSES } from './classes.js';
import { parseLabelFile, type LabelSegment } from './label-file.js';
import { datasetHash, manifestFile, manifestSchema, type DatasetManifest, type ManifestFile } from './manifest.js';
import { pairDatasetFolder } from './pairing.js';

/** The study's sample rate. */
export const BURST_SAMPLE_RATE_HZ = 22050;

export interface Recording {
  /** Relative path without extension, e.g. `room3/rec07`. */
  readonly id: string;
  readonly audioRelpath: string;
  readonly labelRelpath: string;
  readonly sourceSampleRateHz: number;
  /** Mono at 22,050 Hz. */
  readonly samples: Float32Array;
  readonly segments: LabelSegment[];
}

export interface LoadDatasetOptions {
  /** 'error' (default): any unknown label, malformed line or unpaired file fails the load; 'skip': warn and go on. */
  readonly onProblem?: 'error' | 'skip';
  /** Receives each skipped problem's one-line message under 'skip'. */
  readonly warn?: (message: string) => void;
  /** Seconds a segment may end after its recording's end (rounding in label tools). Default 0.01. */
  readonly endToleranceS?: number;
}

export interface BurstDataset {
  readonly dir: string;
  readonly recordings: Recording[];
  readonly manifest: DatasetManifest;
  readonly hash: string;
  readonly labelCounts: Record<string, number>;
}

/** Loads and checks a dataset folder; throws BurstError with a one-line message naming the first bad file. */
export function loadBurstDataset(dir: string, options: LoadDatasetOptions = {}): BurstDataset {
  const onProblem = options.onProblem ?? 'error';
  const tolerance = options.endToleranceS ?? 0.01;
  if (!existsSync(dir)) throw new BurstError('bad-params', `${dir}: dataset folder not found`);
  const pairing = pairDatasetFolder(dir);
  const report = (reason: 'unpaired-file' | 'bad-label-file', message: string): void => {
    if (onProblem === 'error') throw new BurstError(reason, message);
    options.warn?.(message);
  };
  for (const p of pairing.problems) report('unpaired-file', p.message);
  if (pairing.pairs.length === 0) throw new BurstError('empty-split', `${dir}: no labelled recordings (.wav with a label file beside it)`);
  const declared = readDeclaredManifest(dir);

  const recordings: Recording[] = [];
  const files: ManifestFile[] = [];
  for (const pair of pairing.pairs) {
    const parsed = parseLabelFile(readFileSync(pair.labelPath, 'utf8'), pair.labelPath);
    for (const problem of parsed.problems) report('bad-label-file', problem.message);
    let wav;
    try {
      wav = decodeWavFile(pair.audioPath);
    } catch (error) {
      if (error instanceof WavError) throw new BurstError('bad-audio', error.message.startsWith(pair.audioPath) ? error.message : `${pair.audioPath}: ${error.message}`);
      throw error;
    }
    if (wav.frames === 0) throw new BurstError('bad-audio', `${pair.audioPath}: no audio samples`);
    const durationS = wav.frames / wav.sampleRateHz;
    for (const s of parsed.segments) {
      if (s.endS > durationS + tolerance) {
        throw new BurstError('label-beyond-end', `${pair.labelPath}:${s.line}: segment ${s.startS}–${s.endS} s ends after the recording ${pair.audioRelpath} (${durationS.toFixed(3)} s)`);
      }
    }
    const samples = resampleTorchaudio(wav.samples, wav.sampleRateHz, BURST_SAMPLE_RATE_HZ);
    recordings.push({ id: pair.id, audioRelpath: pair.audioRelpath, labelRelpath: pair.labelRelpath, sourceSampleRateHz: wav.sampleRateHz, samples, segments: parsed.segments });
    for (const [path, relpath] of [[pair.audioPath, pair.audioRelpath], [pair.labelPath, pair.labelRelpath]] as const) {
      const entry = manifestFile(path, relpath);
      checkDeclared(declared, entry, dir);
      files.push(entry);
    }
  }
  const labelCounts = Object.fromEntries(BURST_CLASSES.map((c) => [c, 0])) as Record<string, number>;
  for (const r of recordings) for (const s of r.segments) labelCounts[s.label] = (labelCounts[s.label] ?? 0) + 1;
  const segmentsForHash = recordings.flatMap((r) => r.segments.map((s) => ({ file: r.audioRelpath, startS: s.startS, endS: s.endS, label: s.label })));
  const manifest: DatasetManifest = {
    created_at: new Date().toISOString(),
    data_dir: dir,
    n_audio_files: recordings.length,
    n_segments: segmentsForHash.length,
    label_counts: labelCounts,
    files,
  };
  return { dir, recordings, manifest, hash: datasetHash(segmentsForHash, files), labelCounts };
}

/** The folder's own manifest.json (from the demo generator or `pipe annotate export`), checked at the boundary. */
function readDeclaredManifest(dir: string): Map<string, string> | undefined {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new BurstError('bad-manifest', `${path}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = manifestSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BurstError('bad-manifest', `${path}:${issue.path.join('.')}: ${issue.message}`);
  }
  return new Map(parsed.data.files.map((f) => [f.relpath, f.sha256]));
}

function checkDeclared(declared: Map<string, string> | undefined, entry: ManifestFile, dir: string): void {
  const sha = declared?.get(entry.relpath);
  if (sha !== undefined && sha !== entry.sha256) {
    throw new BurstError('bad-manifest', `${join(dir, entry.relpath)}: content differs from manifest.json (sha256 ${entry.sha256.slice(0, 12)}…, manifest says ${sha.slice(0, 12)}…)`);
  }
}
