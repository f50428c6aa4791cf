// The model file: safetensors (weights under PyTorch's names, float32) whose `__metadata__` holds the format tag,
// the architecture and the caller's metadata as JSON strings (docs/nn.md, "Model file").
import type { ModelFile } from './api.js';

/** Format tag stored as `__metadata__.format`. */
export const MODEL_FORMAT = 'pipe-smallcnn/1';

/** Serialises a model file. */
export function encodeModelFile(model: ModelFile): Uint8Array {
  void model;
  throw new Error('not implemented yet');
}

/** Parses model-file bytes; throws RangeError naming `source` when malformed. */
export function parseModelFile(bytes: Uint8Array, source: string): ModelFile {
  void bytes;
  void source;
  throw new Error('not implemented yet');
}

/** Writes a model file atomically (temporary name, then rename). */
export function writeModelFile(path: string, model: ModelFile): void {
  void path;
  void model;
  throw new Error('not implemented yet');
}

/** Reads a model file; throws RangeError naming the path when missing or malformed. */
export function readModelFile(path: string): ModelFile {
  void path;
  throw new Error('not implemented yet');
}
