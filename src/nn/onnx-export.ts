// ONNX export of the eval-mode SmallCNN with the project's hand-built ONNX writer (src/ssl/onnx): Conv →
// BatchNormalization (running statistics) → Relu → MaxPool 2 (×2), Conv → BatchNormalization → Relu →
// GlobalAveragePool → Flatten → Gemm → Softmax. Dropout is the identity in eval mode and is left out.
import type { SmallCnnArch, StateDict } from './api.js';
import { netLayout, torchOrder } from './layout.js';
import { GraphBuilder } from '../ssl/onnx/graph-builder.js';

function tensor(state: StateDict, name: string, shape: readonly number[]): Float32Array {
  const t = state.get(name);
  if (t === undefined) throw new RangeError(`ONNX export: state has no '${name}'`);
  if (t.shape.join(',') !== shape.join(',')) throw new RangeError(`ONNX export: '${name}' has shape [${t.shape.join(', ')}], expected [${shape.join(', ')}]`);
  return t.data;
}

/** ONNX bytes of the eval-mode network: input `input` [batch, 1, melBins, frames] (dynamic batch and frames),
 * outputs `logits` and `probabilities` [batch, classes]. */
export function exportOnnx(arch: SmallCnnArch, state: StateDict): Uint8Array {
  const g = new GraphBuilder();
  const shapes = new Map(torchOrder(netLayout(arch)).map((s) => [s.name, s.shape] as const));
  const c = (name: string): string => g.constant(name, shapes.get(name) ?? [], tensor(state, name, shapes.get(name) ?? []));
  let x = 'input';
  for (const [conv, bn, pool] of [[0, 1, true], [4, 5, true], [8, 9, false]] as const) {
    x = g.op('Conv', [x, c(`features.${conv}.weight`), c(`features.${conv}.bias`)], {
      kernel_shape: { kind: 'ints', value: [3, 3] },
      pads: { kind: 'ints', value: [1, 1, 1, 1] },
    });
    const p = `features.${bn}`;
    x = g.op('BatchNormalization', [x, c(`${p}.weight`), c(`${p}.bias`), c(`${p}.running_mean`), c(`${p}.running_var`)], { epsilon: { kind: 'float', value: 1e-5 } });
    x = g.op('Relu', [x]);
    x = pool ? g.op('MaxPool', [x], { kernel_shape: { kind: 'ints', value: [2, 2] }, strides: { kind: 'ints', value: [2, 2] } }) : g.op('GlobalAveragePool', [x]);
  }
  x = g.op('Flatten', [x], { axis: { kind: 'int', value: 1 } });
  const logits = g.op('Gemm', [x, c('head.2.weight'), c('head.2.bias')], { transB: { kind: 'int', value: 1 } }, 'logits');
  g.op('Softmax', [logits], { axis: { kind: 'int', value: 1 } }, 'probabilities');
  return g.encode('smallcnn', [{ name: 'input', dims: ['batch', 1, arch.melBins, 'frames'] }], [
    { name: 'logits', dims: ['batch', arch.classes] },
    { name: 'probabilities', dims: ['batch', arch.classes] },
  ]);
}
