// ONNX subgraph of the convolutional feature encoder and feature projection (transformers' HubertFeatureEncoder
// and HubertFeatureProjection; docs/ssl.md, "How it runs"):
// [batch, samples] → [batch, frames, hidden]. Laid out for onnxruntime's CPU kernels (checked with its profiler):
// - layer 0 (one input channel) as one MatMul over reshaped sample blocks: as a Conv it was slow (~1 GFLOP/s)
//   and its output needed a costly layout reorder before the GroupNorm;
// - layers 1… as 2-D convolutions over a height-1 image ([batch, channels, 1, time], kernels [1, k]), which
//   onnxruntime runs with its blocked NCHWc kernels, faster than its 1-D convolution path.
import type { SslCheckpoint } from './checkpoint.js';
import type { GraphBuilder } from './onnx/graph-builder.js';

/** First conv layer as one MatMul, channels-first: [channels, K] · [batch, K, frames] → [batch, channels, frames],
 * with K = ⌈kernel/stride⌉·stride taps gathered by slicing the clip into stride-long blocks (zero weights past the
 * kernel). Equivalent to im2col, but the im2col matrix is built from reshapes of the input only. */
export function firstConvAsMatMul(g: GraphBuilder, input: string, ckpt: SslCheckpoint): string {
  const { arch, weights } = ckpt;
  const channels = arch.convDim[0] ?? 1;
  const kernel = arch.convKernel[0] ?? 1;
  const stride = arch.convStride[0] ?? 1;
  const conv = weights.convs[0];
  if (conv === undefined) throw new RangeError('missing weights of conv layer 0');
  const blocks = Math.ceil(kernel / stride);
  const taps = blocks * stride;
  const weight = new Float32Array(channels * taps);
  for (let c = 0; c < channels; c++) for (let t = 0; t < kernel; t++) weight[c * taps + t] = conv.weight[c * kernel + t] ?? 0;
  // Blocks past the kernel's end read up to stride − 1 samples beyond the clip: pad with zeros (zero weights there).
  const x = taps > kernel ? g.op('Pad', [input, g.int64s([0, 0, 0, stride])]) : input;
  const samples = g.op('Shape', [input], { start: { kind: 'int', value: 1 }, end: { kind: 'int', value: 2 } });
  const frames = g.op('Add', [g.op('Div', [g.op('Sub', [samples, g.int64s([kernel])]), g.int64s([stride])]), g.int64s([1])]);
  const span = g.op('Mul', [frames, g.int64s([stride])]);
  const frameShape = g.int64s([0, -1, stride]);
  const framed = Array.from({ length: blocks }, (_, b) => {
    const end = b === 0 ? span : g.op('Add', [span, g.int64s([b * stride])]);
    return g.op('Reshape', [g.op('Slice', [x, g.int64s([b * stride]), end, g.int64s([1])]), frameShape]);
  });
  const patches = framed.length === 1 ? (framed[0] as string) : g.op('Concat', framed, { axis: { kind: 'int', value: 2 } });
  const product = g.op('MatMul', [g.constant('conv0.weight', [channels, taps], weight), g.transpose(patches, [0, 2, 1])]);
  return conv.bias === undefined ? product : g.op('Add', [product, g.constant('conv0.bias', [channels, 1], conv.bias)]);
}

/** Builds the feature encoder and projection; returns the [batch, frames, hidden] value name. */
export function featureEncoderGraph(g: GraphBuilder, ckpt: SslCheckpoint, input: string): string {
  const { arch, weights } = ckpt;
  const first = arch.convDim[0] ?? 1;
  // GroupNorm with one group per channel = per-channel normalisation over time (torch GroupNorm eps 1e-5).
  const normScale = g.constant('conv0.norm.weight', [first], weights.convNorm.weight);
  const normBias = g.constant('conv0.norm.bias', [first], weights.convNorm.bias);
  const normalised = g.op('InstanceNormalization', [firstConvAsMatMul(g, input, ckpt), normScale, normBias], {
    epsilon: { kind: 'float', value: 1e-5 },
  });
  let x = g.op('Unsqueeze', [g.gelu(normalised), g.int64s([2])]);
  for (let i = 1; i < weights.convs.length; i++) {
    const conv = weights.convs[i];
    if (conv === undefined) continue;
    const channels = arch.convDim[i] ?? 1;
    const kernel = arch.convKernel[i] ?? 1;
    const inputs = [x, g.constant(`conv${i}.weight`, [channels, arch.convDim[i - 1] ?? 1, 1, kernel], conv.weight)];
    if (conv.bias !== undefined) inputs.push(g.constant(`conv${i}.bias`, [channels], conv.bias));
    const y = g.op('Conv', inputs, { kernel_shape: { kind: 'ints', value: [1, kernel] }, strides: { kind: 'ints', value: [1, arch.convStride[i] ?? 1] } });
    x = g.gelu(y);
  }
  x = g.transpose(g.op('Squeeze', [x, g.int64s([2])]), [0, 2, 1]);
  const convOut = arch.convDim[arch.convDim.length - 1] ?? 1;
  if (weights.projectionNorm !== undefined) {
    const scale = g.constant('projection.norm.weight', [convOut], weights.projectionNorm.weight);
    const bias = g.constant('projection.norm.bias', [convOut], weights.projectionNorm.bias);
    x = g.layerNorm(x, scale, bias, arch.layerNormEps);
  }
  return g.linear(x, g.constant('projection.weightT', [convOut, arch.hiddenSize], transposed(weights.projection.weight, arch.hiddenSize, convOut)), g.constant('projection.bias', [arch.hiddenSize], weights.projection.bias));
}

/** Row-major [rows, cols] → [cols, rows]. */
export function transposed(weight: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(weight.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = weight[r * cols + c] ?? 0;
  return out;
}
