// What the server and its prediction workers exchange (structured-cloned; upload bytes are transferred).
import type { WavErrorReason } from '../audio/wav-decode.js';
import type { ChunkPrediction } from '../bundle/index.js';

/** Given to each worker at start (`workerData`). */
export interface PredictWorkerSetup {
  readonly bundleDir: string;
  /** Chunk length, step and shortest kept last chunk, in seconds. */
  readonly chunkS: number;
  readonly hopS: number;
  readonly minLastChunkS: number;
}

/** One uploaded file: its name as the client gave it, and its bytes. */
export interface UploadedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Why a file gave no prediction: a WavError reason, or features that could not be extracted. */
export type FileErrorCode = WavErrorReason | 'no-features' | 'too-long';

/** A file's prediction in the API's shape, or why there is none. */
export type FileOutcome =
  | {
      readonly ok: true;
      readonly file_name: string;
      readonly predicted_label: string;
      readonly probabilities: Record<string, number>;
      readonly duration_s: number;
      readonly chunks?: ChunkPrediction[];
    }
  | { readonly ok: false; readonly file_name: string; readonly code: FileErrorCode; readonly message: string };
