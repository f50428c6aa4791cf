// Builds the ONNX graph of a HuBERT / wav2vec2 base-variant model from its weights (architecture: docs/ssl.md and
// transformers' modeling_hubert.py / modeling_wav2vec2.py; Baevski et al. 2020, "wav2vec 2.0", §2; Hsu et al. 2021,
// "HuBERT", §3). Input `input_values` [batch, samples] (already normalised), outputs [batch, frames, hidden] with
// dynamic batch and time axes.
import type { SslArchitecture } from './config.js';
import type { EncoderLayerWeights, LinearWeights, SslCheckpoint } from './checkpoint.js';
import { featureEncoderGraph, transposed } from './feature-encoder-graph.js';
import { GraphBuilder } from './onnx/graph-builder.js';

export const INPUT_NAME = 'input_values';
export const LAST_OUTPUT_NAME = 'last_hidden_state';

/** Which hidden states the graph outputs: one (0 = encoder input after LayerNorm … numLayers = last) or all. */
export type HiddenStateSelection = number | 'all';

/** Graph output name of hidden state `index`. */
export function hiddenStateName(arch: SslArchitecture, index: number): string {
  return index === arch.numLayers ? LAST_OUTPUT_NAME : `hidden_state_${index}`;
}

function scaled(values: Float32Array, factor: number): Float32Array {
  return values.map((v) => v * factor);
}

/** Adds a linear layer from PyTorch [out, in] weights (optionally pre-scaled). */
function addLinear(g: GraphBuilder, x: string, name: string, w: LinearWeights, inSize: number, scale = 1): string {
  const outSize = w.bias.length;
  const weightT = g.constant(`${name}.weightT`, [inSize, outSize], transposed(scale === 1 ? w.weight : scaled(w.weight, scale), outSize, inSize));
  const bias = g.constant(`${name}.bias`, [outSize], scale === 1 ? w.bias : scaled(w.bias, scale));
  return g.linear(x, weightT, bias);
}

/** x + GELU(grouped conv(x)) with "same" padding (last frame dropped for an even kernel), then LayerNorm. */
function positionalBlock(g: GraphBuilder, ckpt: SslCheckpoint, x: string): string {
  const { arch, weights } = ckpt;
  const h = arch.hiddenSize;
  const k = arch.posConvKernel;
  const pad = Math.floor(k / 2);
  // As a 2-D convolution over a height-1 image, like the feature encoder (onnxruntime's NCHWc kernels).
  const weight = g.constant('pos_conv.weight', [h, h / arch.posConvGroups, 1, k], weights.posConv.weight);
  const bias = g.constant('pos_conv.bias', [h], weights.posConv.bias);
  let y = g.op('Conv', [g.op('Unsqueeze', [g.transpose(x, [0, 2, 1]), g.int64s([2])]), weight, bias], {
    kernel_shape: { kind: 'ints', value: [1, k] },
    pads: { kind: 'ints', value: [0, pad, 0, pad] },
    group: { kind: 'int', value: arch.posConvGroups },
  });
  if (k % 2 === 0) y = g.op('Slice', [y, g.int64s([0]), g.int64s([-1]), g.int64s([3])]);
  y = g.op('Squeeze', [y, g.int64s([2])]);
  const sum = g.op('Add', [x, g.transpose(g.gelu(y), [0, 2, 1])]);
  const scale = g.constant('encoder.norm.weight', [h], weights.encoderNorm.weight);
  return g.layerNorm(sum, scale, g.constant('encoder.norm.bias', [h], weights.encoderNorm.bias), arch.layerNormEps);
}

/** Multi-head self-attention without mask; queries pre-scaled by 1/√d_head as in the reference. */
function selfAttention(g: GraphBuilder, arch: SslArchitecture, layer: EncoderLayerWeights, x: string, name: string): string {
  const h = arch.hiddenSize;
  const heads = arch.numHeads;
  const headSize = h / heads;
  const splitHeads = g.int64s([0, 0, heads, headSize]);
  const q = g.transpose(g.op('Reshape', [addLinear(g, x, `${name}.q`, layer.q, h, 1 / Math.sqrt(headSize)), splitHeads]), [0, 2, 1, 3]);
  const kT = g.transpose(g.op('Reshape', [addLinear(g, x, `${name}.k`, layer.k, h), splitHeads]), [0, 2, 3, 1]);
  const v = g.transpose(g.op('Reshape', [addLinear(g, x, `${name}.v`, layer.v, h), splitHeads]), [0, 2, 1, 3]);
  const probs = g.op('Softmax', [g.op('MatMul', [q, kT])], { axis: { kind: 'int', value: -1 } });
  const context = g.transpose(g.op('MatMul', [probs, v]), [0, 2, 1, 3]);
  const merged = g.op('Reshape', [context, g.int64s([0, 0, h])]);
  return addLinear(g, merged, `${name}.out`, layer.out, h);
}

/** One post-LayerNorm transformer layer: LN(x + MHA(x)), then LN(x + FFN(x)). */
function encoderLayer(g: GraphBuilder, arch: SslArchitecture, layer: EncoderLayerWeights, x: string, index: number): string {
  const h = arch.hiddenSize;
  const name = `layers.${index}`;
  const attended = g.op('Add', [x, selfAttention(g, arch, layer, x, name)]);
  const norm1 = g.layerNorm(attended, g.constant(`${name}.norm.weight`, [h], layer.attentionNorm.weight), g.constant(`${name}.norm.bias`, [h], layer.attentionNorm.bias), arch.layerNormEps);
  const inner = g.gelu(addLinear(g, norm1, `${name}.ff_in`, layer.ffIn, h));
  const ff = addLinear(g, inner, `${name}.ff_out`, layer.ffOut, arch.intermediateSize);
  const sum = g.op('Add', [norm1, ff]);
  return g.layerNorm(sum, g.constant(`${name}.final_norm.weight`, [h], layer.finalNorm.weight), g.constant(`${name}.final_norm.bias`, [h], layer.finalNorm.bias), arch.layerNormEps);
}

/** Builds the serialised ONNX model; a single selected hidden state truncates the graph after that layer. */
export function buildSslOnnx(ckpt: SslCheckpoint, selection: HiddenStateSelection): Uint8Array {
  const { arch, weights } = ckpt;
  if (selection !== 'all' && (!Number.isInteger(selection) || selection < 0 || selection > arch.numLayers)) {
    throw new RangeError(`hidden state ${selection} does not exist: the model has hidden states 0…${arch.numLayers}`);
  }
  const g = new GraphBuilder();
  const outputs: string[] = [];
  const lastIndex = selection === 'all' ? arch.numLayers : selection;
  let x = positionalBlock(g, ckpt, featureEncoderGraph(g, ckpt, INPUT_NAME));
  for (let i = 0; ; i++) {
    if (selection === 'all' || selection === i) outputs.push(g.identity(x, hiddenStateName(arch, i)));
    if (i === lastIndex) break;
    const layer = weights.layers[i];
    if (layer === undefined) throw new RangeError(`missing weights of encoder layer ${i}`);
    x = encoderLayer(g, arch, layer, x, i);
  }
  const dims = ['batch', 'frames', arch.hiddenSize];
  return g.encode(`${arch.modelType}_ssl`, [{ name: INPUT_NAME, dims: ['batch', 'samples'] }], outputs.map((name) => ({ name, dims })));
}
