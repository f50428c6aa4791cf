// The first conv layer's MatMul formulation against onnxruntime's own Conv on the same weights, including
// kernels that are not a multiple of the stride (zero-padded taps).
import { describe, expect, it } from 'vitest';
import type { SslCheckpoint } from './checkpoint.js';
import { firstConvAsMatMul } from './feature-encoder-graph.js';
import { GraphBuilder } from './onnx/graph-builder.js';
import { randomCheckpointTensors, TINY_ARCHITECTURE } from '../../test/support/random-checkpoint.js';
import { openOrtModel } from './runtime.js';

async function run(bytes: Uint8Array, input: Float32Array, dims: number[]): Promise<Float32Array> {
  const model = await openOrtModel(bytes, { device: 'cpu' });
  const out = (await model.run(input, dims, ['y'])).get('y');
  await model.close();
  return out?.data ?? new Float32Array(0);
}

describe('firstConvAsMatMul', () => {
  it.each([[10, 5], [7, 3], [4, 4], [3, 5]])('matches Conv for kernel %i, stride %i', async (kernel, stride) => {
    const arch = { ...TINY_ARCHITECTURE, convKernel: [kernel, 3], convStride: [stride, 2], convDim: [16, 16] };
    const weight = randomCheckpointTensors(arch, 3).get('feature_extractor.conv_layers.0.conv.weight')?.data ?? new Float32Array(0);
    const ckpt = { arch, weights: { convs: [{ weight, bias: undefined }] } } as unknown as SslCheckpoint;
    const [batch, samples] = [2, 101];
    const input = Float32Array.from({ length: batch * samples }, (_, i) => Math.sin(i * 0.37) + 0.1 * Math.cos(i * 2.1));
    const io = { inputs: [{ name: 'x', dims: ['batch', 'samples'] }], outputs: [{ name: 'y', dims: ['batch', 16, 'frames'] }] };

    const viaMatMul = new GraphBuilder();
    viaMatMul.identity(firstConvAsMatMul(viaMatMul, 'x', ckpt), 'y');
    const viaConv = new GraphBuilder();
    const unsqueezed = viaConv.op('Unsqueeze', ['x', viaConv.int64s([1])]);
    const conv = viaConv.op('Conv', [unsqueezed, viaConv.constant('w', [16, 1, kernel], weight)], {
      kernel_shape: { kind: 'ints', value: [kernel] },
      strides: { kind: 'ints', value: [stride] },
    });
    viaConv.identity(conv, 'y');

    const a = await run(viaMatMul.encode('m', io.inputs, io.outputs), input, [batch, samples]);
    const b = await run(viaConv.encode('c', io.inputs, io.outputs), input, [batch, samples]);
    expect(a.length).toBe(batch * 16 * (Math.floor((samples - kernel) / stride) + 1));
    expect(a.length).toBe(b.length);
    for (let i = 0; i < a.length; i++) expect(Math.abs((a[i] ?? 0) - (b[i] ?? 0))).toBeLessThan(1e-5);
  });
});
