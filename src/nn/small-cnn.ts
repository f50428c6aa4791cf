// SmallCNN (specs/burst-study.md, "Model and training"): builds the network on a kernel backend and runs
// forward, backward and Adam on whole batches.
import type { SmallCnn, SmallCnnArch, SmallCnnOptions } from './api.js';

/** The study's architecture: 3 classes, 64 mel bins, dropout 0.3. */
export const DEFAULT_ARCH: SmallCnnArch = { classes: 3, melBins: 64, dropout: 0.3 };

/** State-dict names in PyTorch's order (parameters and batch-norm buffers). */
export function stateDictNames(): readonly string[] {
  throw new Error('not implemented yet');
}

/** Number of trainable parameters (23,715 for 3 classes). */
export function parameterCount(arch: SmallCnnArch = DEFAULT_ARCH): number {
  return (16 * 9 + 16) + 2 * 16 + (32 * 16 * 9 + 32) + 2 * 32 + (64 * 32 * 9 + 64) + 2 * 64 + (arch.classes * 64 + arch.classes);
}

/** Creates a SmallCNN: seeded PyTorch default initialisation (or `options.state`), workers started when threads > 1. */
export async function createSmallCnn(options: SmallCnnOptions = {}): Promise<SmallCnn> {
  void options;
  throw new Error('not implemented yet');
}
