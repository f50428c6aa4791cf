// Writes seeded random HuBERT / wav2vec2 checkpoints in HuggingFace's folder layout (config.json,
// model.safetensors, preprocessor_config.json): used by tests (small configs, error cases) and by the bench
// (base size). Nothing can be downloaded here, so the project makes its own weights.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { architectureToConfigJson, type SslArchitecture } from '../../src/ssl/config.js';
import { writeSafetensors, type Float32Tensor } from '../../src/ssl/safetensors.js';

/** hubert-base-ls960 / wav2vec2-base dimensions (docs/ssl.md). */
export const BASE_ARCHITECTURE: SslArchitecture = {
  modelType: 'hubert',
  hiddenSize: 768,
  numLayers: 12,
  numHeads: 12,
  intermediateSize: 3072,
  layerNormEps: 1e-5,
  convDim: [512, 512, 512, 512, 512, 512, 512],
  convKernel: [10, 3, 3, 3, 3, 2, 2],
  convStride: [5, 2, 2, 2, 2, 2, 2],
  convBias: false,
  posConvKernel: 128,
  posConvGroups: 16,
  featProjLayerNorm: true,
};

/** The small configuration of test/fixtures/reference/ssl (hidden 32, 2 layers, 4 heads, 16 conv channels). */
export const TINY_ARCHITECTURE: SslArchitecture = {
  ...BASE_ARCHITECTURE,
  hiddenSize: 32,
  numLayers: 2,
  numHeads: 4,
  intermediateSize: 64,
  convDim: [16, 16, 16, 16, 16, 16, 16],
  posConvKernel: 16,
  posConvGroups: 4,
};

export interface RandomCheckpointOptions {
  /** 'plain' (default): HubertModel/Wav2Vec2Model names; 'pretraining': `wav2vec2.` prefix plus unused heads. */
  readonly layout?: 'plain' | 'pretraining';
  /** 'legacy' (default): weight_g/weight_v; 'parametrizations': parametrizations.weight.original0/1. */
  readonly weightNorm?: 'legacy' | 'parametrizations';
}

/** mulberry32 (Tommy Ettinger's 32-bit PRNG): uniform numbers in [0, 1) from a seed. */
function uniformSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seeded random tensors of a checkpoint, in PyTorch layouts, keyed by their HuggingFace names. */
export function randomCheckpointTensors(arch: SslArchitecture, seed: number, options: RandomCheckpointOptions = {}): Map<string, Float32Tensor> {
  const uniform = uniformSource(seed);
  const tensors = new Map<string, Float32Tensor>();
  const prefix = options.layout === 'pretraining' ? 'wav2vec2.' : '';
  const add = (name: string, shape: number[], center: number, spread: number): void => {
    const count = shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(count);
    for (let i = 0; i < count; i++) data[i] = center + spread * (2 * uniform() - 1);
    tensors.set(prefix + name, { shape, data });
  };
  const linear = (name: string, out: number, inSize: number): void => {
    add(`${name}.weight`, [out, inSize], 0, Math.sqrt(3 / inSize));
    add(`${name}.bias`, [out], 0, 0.05);
  };
  const norm = (name: string, size: number): void => {
    add(`${name}.weight`, [size], 1, 0.1);
    add(`${name}.bias`, [size], 0, 0.1);
  };
  const h = arch.hiddenSize;
  arch.convDim.forEach((channels, i) => {
    const inChannels = i === 0 ? 1 : (arch.convDim[i - 1] ?? 1);
    const kernel = arch.convKernel[i] ?? 1;
    add(`feature_extractor.conv_layers.${i}.conv.weight`, [channels, inChannels, kernel], 0, Math.sqrt(3 / (inChannels * kernel)));
    if (arch.convBias) add(`feature_extractor.conv_layers.${i}.conv.bias`, [channels], 0, 0.05);
  });
  norm('feature_extractor.conv_layers.0.layer_norm', arch.convDim[0] ?? 1);
  const convOut = arch.convDim[arch.convDim.length - 1] ?? 1;
  if (arch.featProjLayerNorm) norm('feature_projection.layer_norm', convOut);
  linear('feature_projection.projection', h, convOut);
  const [g, v] = options.weightNorm === 'parametrizations' ? ['parametrizations.weight.original0', 'parametrizations.weight.original1'] : ['weight_g', 'weight_v'];
  add(`encoder.pos_conv_embed.conv.${g}`, [1, 1, arch.posConvKernel], 0.5, 0.2);
  add(`encoder.pos_conv_embed.conv.${v}`, [h, h / arch.posConvGroups, arch.posConvKernel], 0, 1);
  add('encoder.pos_conv_embed.conv.bias', [h], 0, 0.05);
  norm('encoder.layer_norm', h);
  for (let i = 0; i < arch.numLayers; i++) {
    const base = `encoder.layers.${i}`;
    for (const proj of ['q_proj', 'k_proj', 'v_proj', 'out_proj']) linear(`${base}.attention.${proj}`, h, h);
    norm(`${base}.layer_norm`, h);
    linear(`${base}.feed_forward.intermediate_dense`, arch.intermediateSize, h);
    linear(`${base}.feed_forward.output_dense`, h, arch.intermediateSize);
    norm(`${base}.final_layer_norm`, h);
  }
  add('masked_spec_embed', [h], 0, 1);
  if (options.layout === 'pretraining') {
    tensors.set('project_hid.weight', { shape: [4, h], data: new Float32Array(4 * h) });
    tensors.set('project_q.weight', { shape: [4, 4], data: new Float32Array(16) });
  }
  return tensors;
}

/** Writes a checkpoint folder from a config JSON object and tensors (which tests may have altered). */
export async function writeCheckpointFolder(dir: string, config: Record<string, unknown>, tensors: ReadonlyMap<string, Float32Tensor>): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'config.json'), `${JSON.stringify(config, null, 1)}\n`);
  await writeSafetensors(join(dir, 'model.safetensors'), tensors, { format: 'pt' });
  const preprocessor = { do_normalize: true, feature_extractor_type: 'Wav2Vec2FeatureExtractor', feature_size: 1, padding_side: 'right', padding_value: 0, return_attention_mask: false, sampling_rate: 16000 };
  await writeFile(join(dir, 'preprocessor_config.json'), `${JSON.stringify(preprocessor, null, 1)}\n`);
}

/** Creates a seeded random checkpoint folder of the given architecture. */
export async function createRandomCheckpoint(dir: string, arch: SslArchitecture, seed: number, options: RandomCheckpointOptions = {}): Promise<void> {
  const config = architectureToConfigJson(arch);
  if (options.layout === 'pretraining') config['architectures'] = [arch.modelType === 'hubert' ? 'HubertForPreTraining' : 'Wav2Vec2ForPreTraining'];
  await writeCheckpointFolder(dir, config, randomCheckpointTensors(arch, seed, options));
}
