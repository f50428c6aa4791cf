// `pipe predict --model <burst model>`: pre-labels WAV files for annotation as `prelabels.json`
// (`{audio_files, predictions: [...]}`, specs/burst-study.md) or CSV, with the files' names as given.
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { formatCsv } from '../../util/csv.js';
import { WavError } from '../../audio/wav-decode.js';
import { BurstModelRunner, type BurstPrediction } from './burst-model-runner.js';

export interface BurstPrelabels {
  readonly audio_files: string[];
  readonly predictions: BurstPrediction[];
  readonly model: { dir: string; segment_seconds: number; hop_seconds: number; classes: string[] };
}

export interface BurstPrelabelResult {
  readonly prelabels: BurstPrelabels;
  /** `path: reason` of files that could not be read or decoded. */
  readonly failures: string[];
}

/** Predicts every window of every file. */
export async function burstPrelabelFiles(paths: readonly string[], modelDir: string): Promise<BurstPrelabelResult> {
  const runner = await BurstModelRunner.open(modelDir);
  const predictions: BurstPrediction[] = [];
  const failures: string[] = [];
  const audioFiles: string[] = [];
  try {
    for (const path of paths) {
      try {
        predictions.push(...(await runner.predictWav(new Uint8Array(await readFile(path)), path)));
        audioFiles.push(path);
      } catch (error) {
        if (error instanceof WavError || (error as NodeJS.ErrnoException).code !== undefined) failures.push(`${path}: ${(error as Error).message}`);
        else throw error;
      }
    }
  } finally {
    await runner.close();
  }
  const d = runner.descriptor;
  return { prelabels: { audio_files: audioFiles, predictions, model: { dir: modelDir, segment_seconds: d.segment_seconds, hop_seconds: (d.segment_samples * d.hop_fraction) / d.sample_rate_hz, classes: d.classes } }, failures };
}

/** Writes JSON, or CSV (`audio_file,start_seconds,end_seconds,label,probability,p_<class>…`) for a .csv path; atomically. */
export function writeBurstPrelabels(path: string, prelabels: BurstPrelabels): void {
  if (path.toLowerCase().endsWith('.csv')) {
    const header = ['audio_file', 'start_seconds', 'end_seconds', 'label', 'probability', ...prelabels.model.classes.map((c) => `p_${c}`)];
    writeFileAtomic(path, formatCsv(header, prelabels.predictions.map((p) => [p.audio_file, p.start_seconds, p.end_seconds, p.label, p.probability, ...p.probabilities])));
  } else {
    writeFileAtomic(path, `${JSON.stringify(prelabels, null, 2)}\n`);
  }
}
