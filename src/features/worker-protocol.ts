// Messages between `extractFeatures` and its worker threads (structured-cloned; typed arrays survive).
import type { FeatureParams, FeatureRow } from './types.js';

/** Given to each worker at start (`workerData`). */
export interface WorkerSetup {
  readonly setName: string;
  readonly params: FeatureParams;
  readonly frames: boolean;
}

export interface WorkerRequest {
  readonly kind: 'extract';
  readonly taskId: number;
  readonly paths: readonly string[];
}

export type WorkerReply =
  | { readonly kind: 'rows'; readonly taskId: number; readonly rows: FeatureRow[] }
  | { readonly kind: 'error'; readonly taskId: number; readonly message: string };
