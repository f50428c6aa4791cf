// Inference over an exported SmallCNN with onnxruntime-node (through the project's session wrapper, CPU by
// default), batch by batch.
import type { InputBatch, OnnxClassifier } from './api.js';
import { openOrtModel } from '../ssl/runtime.js';

export interface OnnxClassifierOptions {
  /** Intra-op threads (default 1). */
  readonly threads?: number;
  /** 'cpu' (default), 'cuda' or 'auto'. */
  readonly device?: 'auto' | 'cpu' | 'cuda';
}

/** Opens ONNX bytes or an .onnx path for inference; throws RangeError naming the source when it cannot load. */
export async function openOnnxClassifier(model: Uint8Array | string, options: OnnxClassifierOptions = {}): Promise<OnnxClassifier> {
  let ort;
  try {
    ort = await openOrtModel(model, { device: options.device ?? 'cpu', threads: options.threads ?? 1 });
  } catch (error) {
    const source = typeof model === 'string' ? model : 'ONNX bytes';
    throw new RangeError(`${source}: onnxruntime cannot load the model (${(error as Error).message.split('\n')[0]})`);
  }
  return {
    async predictProba(batch: InputBatch): Promise<Float32Array> {
      const melBins = batch.n > 0 ? batch.data.length / (batch.n * batch.frames) : 0;
      if (batch.n === 0) return new Float32Array(0);
      if (!Number.isInteger(melBins)) throw new RangeError(`ONNX classifier: ${batch.data.length} values are not ${batch.n} × 1 × mels × ${batch.frames}`);
      const out = await ort.run(batch.data, [batch.n, 1, melBins, batch.frames], ['probabilities']);
      const probs = out.get('probabilities');
      if (probs === undefined) throw new RangeError('ONNX classifier: the model has no probabilities output');
      return Float32Array.from(probs.data);
    },
    close: () => ort.close(),
  };
}
