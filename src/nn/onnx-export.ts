// ONNX export of the eval-mode SmallCNN through the project's hand-built ONNX writer (src/ssl/onnx).
import type { SmallCnnArch, StateDict } from './api.js';

/** ONNX bytes of the eval-mode network: input `input` [batch, 1, melBins, frames] (dynamic batch and frames),
 * outputs `logits` and `probabilities` [batch, classes]. */
export function exportOnnx(arch: SmallCnnArch, state: StateDict): Uint8Array {
  void arch;
  void state;
  throw new Error('not implemented yet');
}
