// Sliding-window inference over a recording at 22,050 Hz: windows of the model's fixed length, hop 0.25 × window
// (the last window zero-padded), each window featurised and classified in batches.
import type { InputBatch } from '../../nn/index.js';
import { featureBatch } from '../features.js';
import { slidingWindows, windowHopSamples, windowSamples, type WindowSpan } from '../windows.js';

/** Anything that turns a feature batch into N × classes probabilities (src/nn eval mode, or onnxruntime). */
export type PredictProba = (batch: InputBatch) => Promise<Float32Array> | Float32Array;

export interface WindowPredictions {
  readonly spans: WindowSpan[];
  /** spans.length × classes. */
  readonly probabilities: Float32Array;
}

const BATCH = 64;

/** Classifies every window of `samples` (mono, 22,050 Hz). */
export async function predictWindows(samples: Float32Array, segmentSamples: number, classes: number, predict: PredictProba, hopFraction = 0.25): Promise<WindowPredictions> {
  const spans = slidingWindows(samples.length, segmentSamples, windowHopSamples(segmentSamples, hopFraction));
  const probabilities = new Float32Array(spans.length * classes);
  for (let from = 0; from < spans.length; from += BATCH) {
    const chunk = spans.slice(from, from + BATCH).map((span) => windowSamples(samples, span));
    const out = await predict(featureBatch(chunk));
    probabilities.set(out, from * classes);
  }
  return { spans, probabilities };
}
