// Inference over an exported SmallCNN with onnxruntime-node (CPU by default).
import type { OnnxClassifier } from './api.js';

export interface OnnxClassifierOptions {
  /** Intra-op threads (default 1). */
  readonly threads?: number;
}

/** Opens ONNX bytes or an .onnx path for inference. */
export async function openOnnxClassifier(model: Uint8Array | string, options: OnnxClassifierOptions = {}): Promise<OnnxClassifier> {
  void model;
  void options;
  throw new Error('not implemented yet');
}
