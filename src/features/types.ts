// The contract every feature set (egemaps, mfcc, hubert_ssl, wav2vec2_ssl) implements.
import type { z } from 'zod';

/** Decoded audio, mixed down to mono. Samples are floats in [-1, 1]. */
export interface MonoAudio {
  readonly samples: Float32Array;
  readonly sampleRateHz: number;
}

/** Frame-level values of one clip (MFCCs per frame, eGeMAPS low-level descriptors…), before pooling. */
export interface FrameTable {
  /** Names of the per-frame values, in order. */
  readonly columns: readonly string[];
  /** Time of each frame (its centre, or openSMILE's frameTime), in seconds from the clip's start. */
  readonly timesSeconds: Float64Array;
  /** One row per frame, `columns.length` values each. */
  readonly rows: readonly Float64Array[];
}

/** One file's features, or why there are none (too short, undecodable…): never a silent zero vector. */
export type FeatureRow =
  | { readonly ok: true; readonly values: Float64Array; readonly frames?: FrameTable }
  | {
      readonly ok: false;
      readonly reason: string;
      /** The file itself is bad (unreadable, not decodable): an error unless the run skips bad files. Absent: the
       * audio is fine but yields no features (e.g. shorter than one frame): always a flagged missing row. */
      readonly badFile?: true;
    };

/** Parameters of a feature set as given in params.yaml or `--param key=value` (already parsed to scalars). */
export type FeatureParams = Readonly<Record<string, string | number | boolean>>;

/** A feature set: a name, its columns for given params, and an extractor factory. */
export interface FeatureSet {
  readonly name: string;
  /** Its params as a params.yaml section (`features.<name>`, null meaning the default) or `--param` scalars; the
   * study composes these schemas into its params.yaml check. */
  readonly paramsSchema: z.ZodType;
  /** Column names, in output order, for these params. Throws RangeError on an invalid param. */
  columns(params: FeatureParams): string[];
  /** Loads what the extractor needs (models…). Throws with a clear message on a bad param or model. */
  open(params: FeatureParams): Promise<FeatureExtractor>;
}

/** What a caller asks of `extractBatch` beyond the pooled values. */
export interface ExtractBatchOptions {
  /** Also return each clip's frame-level values in `FeatureRow.frames` (sets that cannot simply omit them). */
  readonly frames?: boolean;
}

export interface FeatureExtractor {
  /** Extracts features of a batch of clips (batching lets model-based sets group by length). */
  extractBatch(clips: readonly MonoAudio[], options?: ExtractBatchOptions): Promise<FeatureRow[]>;
  /** Whether the extractor is pure CPU JavaScript and worth spreading across worker threads. */
  readonly parallelizable: boolean;
  close(): Promise<void>;
}
