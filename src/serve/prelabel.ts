// `pipe predict`: batch pre-labelling of WAV files with sliding windows, on the same workers as the server.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { loadModelBundle } from '../bundle/index.js';
import type { InputFile } from '../features/index.js';
import { coreBudget } from '../util/core-budget.js';
import { formatCsv } from '../util/csv.js';
import { PredictPool } from './predict-pool.js';
import type { FileOutcome } from './predict-protocol.js';

/** One window of one file, as the annotation tool reads it. */
export interface PrelabelSegment {
  readonly audio_file: string;
  readonly start_seconds: number;
  readonly end_seconds: number;
  readonly label: string;
  readonly probability: number;
  readonly probabilities: Record<string, number>;
}

export interface PrelabelOptions {
  readonly modelDir: string;
  /** Window length and step in seconds; a last window is kept when ≥ half a window. */
  readonly windowS: number;
  readonly hopS: number;
  /** Default: available cores − 1, at least 1. */
  readonly workers?: number;
}

export interface PrelabelResult {
  readonly segments: PrelabelSegment[];
  /** Files without prediction: `path: reason`. */
  readonly failures: string[];
  readonly classes: readonly string[];
}

/** Predicts every window of every file (files shorter than a window give one whole-file segment). */
export async function prelabelFiles(inputs: readonly InputFile[], options: PrelabelOptions): Promise<PrelabelResult> {
  if (!(options.windowS > 0) || !(options.hopS > 0)) throw new RangeError('--window and --hop must be positive seconds');
  const bundle = loadModelBundle(options.modelDir);
  const workers = options.workers ?? coreBudget();
  const pool = await PredictPool.start(
    { bundleDir: options.modelDir, chunkS: options.windowS, hopS: options.hopS, minLastChunkS: options.windowS / 2 },
    { size: workers, maxQueue: Number.MAX_SAFE_INTEGER, taskTimeoutMs: 600_000 },
  );
  const segments: PrelabelSegment[] = [];
  const failures: string[] = [];
  try {
    const batchSize = 4;
    const batches: Promise<FileOutcome[]>[] = [];
    for (let i = 0; i < inputs.length; i += batchSize) {
      const batch = inputs.slice(i, i + batchSize);
      batches.push(Promise.all(batch.map(async (f) => ({ name: f.path, bytes: new Uint8Array(await readFile(f.path)) }))).then(async (files) => (await pool.run(files)).outcomes));
      if (batches.length >= workers * 2) collect(await batches.shift()!, segments, failures);
    }
    for (const b of batches) collect(await b, segments, failures);
  } finally {
    await pool.close();
  }
  return { segments, failures, classes: bundle.classes };
}

function collect(outcomes: readonly FileOutcome[], segments: PrelabelSegment[], failures: string[]): void {
  for (const o of outcomes) {
    if (!o.ok) {
      failures.push(o.message);
      continue;
    }
    const windows = o.chunks ?? [{ start_s: 0, end_s: o.duration_s, label: o.predicted_label, probabilities: o.probabilities }];
    for (const w of windows) {
      segments.push({ audio_file: o.file_name, start_seconds: w.start_s, end_seconds: w.end_s, label: w.label, probability: w.probabilities[w.label] ?? 0, probabilities: w.probabilities });
    }
  }
}

/** Writes segments as JSON (an array) or CSV (`p_<class>` columns), chosen by the extension; atomically. */
export async function writePrelabels(path: string, result: PrelabelResult): Promise<void> {
  const text = path.toLowerCase().endsWith('.csv') ? prelabelCsv(result) : `${JSON.stringify(result.segments, null, 2)}\n`;
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}

export function prelabelCsv(result: PrelabelResult): string {
  const header = ['audio_file', 'start_seconds', 'end_seconds', 'label', 'probability', ...result.classes.map((c) => `p_${c}`)];
  const rows = result.segments.map((s) => [s.audio_file, s.start_seconds, s.end_seconds, s.label, s.probability, ...result.classes.map((c) => s.probabilities[c] ?? 0)]);
  return formatCsv(header, rows);
}
