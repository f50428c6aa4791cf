// Decoding and predicting uploaded files with a loaded bundle: the unit of work of a prediction worker.
import { decodeWav, WavError } from '../audio/wav-decode.js';
import { predictClips, type ModelBundle } from '../bundle/index.js';
import type { FeatureExtractor, MonoAudio } from '../features/index.js';
import type { FileOutcome, PredictWorkerSetup, UploadedFile } from './predict-protocol.js';

export interface PredictFilesResult {
  readonly outcomes: FileOutcome[];
  /** Raw feature vectors of every analysed chunk, for the drift monitor. */
  readonly vectors: Float64Array[];
}

/** Decodes each file and predicts the decodable ones; undecodable files become typed failures, in order. */
export async function predictFiles(
  bundle: ModelBundle,
  extractor: FeatureExtractor,
  files: readonly UploadedFile[],
  setup: Omit<PredictWorkerSetup, 'bundleDir'>,
): Promise<PredictFilesResult> {
  const outcomes: (FileOutcome | undefined)[] = new Array<FileOutcome | undefined>(files.length);
  const clips: MonoAudio[] = [];
  const index: number[] = [];
  files.forEach((file, i) => {
    try {
      const wav = decodeWav(file.bytes);
      clips.push({ samples: wav.samples, sampleRateHz: wav.sampleRateHz });
      index.push(i);
    } catch (error) {
      if (!(error instanceof WavError)) throw error;
      outcomes[i] = { ok: false, file_name: file.name, code: error.reason, message: `${file.name}: ${describe(error)}` };
    }
  });
  let vectors: Float64Array[] = [];
  const predictions = await predictClips(bundle, extractor, clips, {
    chunkS: setup.chunkS,
    hopS: setup.hopS,
    minLastChunkS: setup.minLastChunkS,
    onFeatures: (v) => (vectors = [...v]),
  });
  predictions.forEach((p, j) => {
    const i = index[j]!;
    const name = files[i]!.name;
    const clip = clips[j]!;
    const durationS = Math.round((clip.samples.length / clip.sampleRateHz) * 1e6) / 1e6;
    outcomes[i] = p.ok
      ? { ok: true, file_name: name, predicted_label: p.label, probabilities: p.probabilities, duration_s: durationS, ...(p.chunks ? { chunks: p.chunks } : {}) }
      : { ok: false, file_name: name, code: 'no-features', message: `${name}: no features could be extracted (${p.reason})` };
  });
  return { outcomes: outcomes.map((o) => o!), vectors };
}

function describe(error: WavError): string {
  if (error.reason === 'not-wav') return `not a WAV file (${error.message})`;
  if (error.reason === 'truncated') return `truncated WAV (${error.message})`;
  return error.message;
}
