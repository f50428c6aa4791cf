// Validates a HuggingFace HuBERT / wav2vec2 `config.json` and reduces it to the architecture this module builds:
// the post-LayerNorm base variant described in docs/ssl.md (group-norm feature encoder, `do_stable_layer_norm: false`).
import { z } from 'zod';

/** The architecture parameters the graph builder and the weight loader need. */
export interface SslArchitecture {
  readonly modelType: 'hubert' | 'wav2vec2';
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly numHeads: number;
  readonly intermediateSize: number;
  readonly layerNormEps: number;
  readonly convDim: readonly number[];
  readonly convKernel: readonly number[];
  readonly convStride: readonly number[];
  readonly convBias: boolean;
  readonly posConvKernel: number;
  readonly posConvGroups: number;
  /** Whether the feature projection starts with a LayerNorm (always for wav2vec2; `feat_proj_layer_norm` for HuBERT). */
  readonly featProjLayerNorm: boolean;
}

const positiveInt = z.number().int().positive();

// Defaults are those of transformers' HubertConfig / Wav2Vec2Config, so a minimal config.json still loads.
const configSchema = z.object({
  model_type: z.string(),
  hidden_size: positiveInt.default(768),
  num_hidden_layers: positiveInt.default(12),
  num_attention_heads: positiveInt.default(12),
  intermediate_size: positiveInt.default(3072),
  hidden_act: z.string().default('gelu'),
  layer_norm_eps: z.number().positive().default(1e-5),
  feat_extract_norm: z.string().default('group'),
  feat_extract_activation: z.string().default('gelu'),
  conv_dim: z.array(positiveInt).min(1).default([512, 512, 512, 512, 512, 512, 512]),
  conv_stride: z.array(positiveInt).min(1).default([5, 2, 2, 2, 2, 2, 2]),
  conv_kernel: z.array(positiveInt).min(1).default([10, 3, 3, 3, 3, 2, 2]),
  conv_bias: z.boolean().default(false),
  num_conv_pos_embeddings: positiveInt.default(128),
  num_conv_pos_embedding_groups: positiveInt.default(16),
  do_stable_layer_norm: z.boolean().default(false),
  feat_proj_layer_norm: z.boolean().default(true),
});

function unsupported(source: string, what: string): never {
  throw new RangeError(`${source}: unsupported architecture: ${what} (supported: HuBERT/wav2vec2 base variant, see docs/ssl.md)`);
}

/** Validates a parsed config.json; throws RangeError naming `source` and the offending key. */
export function parseSslConfig(json: unknown, source = 'config.json'): SslArchitecture {
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path.join('.') ?? '?';
    throw new RangeError(`${source}: invalid config: '${key}': ${issue?.message ?? 'invalid'}`);
  }
  const c = parsed.data;
  if (c.model_type !== 'hubert' && c.model_type !== 'wav2vec2') unsupported(source, `model_type '${c.model_type}' (expected 'hubert' or 'wav2vec2')`);
  if (c.do_stable_layer_norm) unsupported(source, 'do_stable_layer_norm: true (pre-LayerNorm "large" variant)');
  if (c.feat_extract_norm !== 'group') unsupported(source, `feat_extract_norm '${c.feat_extract_norm}' (expected 'group')`);
  if (c.hidden_act !== 'gelu') unsupported(source, `hidden_act '${c.hidden_act}' (expected 'gelu')`);
  if (c.feat_extract_activation !== 'gelu') unsupported(source, `feat_extract_activation '${c.feat_extract_activation}' (expected 'gelu')`);
  if (c.conv_dim.length !== c.conv_kernel.length || c.conv_dim.length !== c.conv_stride.length) {
    throw new RangeError(`${source}: invalid config: conv_dim, conv_kernel and conv_stride must have the same length`);
  }
  if (c.hidden_size % c.num_attention_heads !== 0) {
    throw new RangeError(`${source}: invalid config: hidden_size ${c.hidden_size} is not divisible by num_attention_heads ${c.num_attention_heads}`);
  }
  if (c.hidden_size % c.num_conv_pos_embedding_groups !== 0) {
    throw new RangeError(`${source}: invalid config: hidden_size ${c.hidden_size} is not divisible by num_conv_pos_embedding_groups ${c.num_conv_pos_embedding_groups}`);
  }
  return {
    modelType: c.model_type,
    hiddenSize: c.hidden_size,
    numLayers: c.num_hidden_layers,
    numHeads: c.num_attention_heads,
    intermediateSize: c.intermediate_size,
    layerNormEps: c.layer_norm_eps,
    convDim: c.conv_dim,
    convKernel: c.conv_kernel,
    convStride: c.conv_stride,
    convBias: c.conv_bias,
    posConvKernel: c.num_conv_pos_embeddings,
    posConvGroups: c.num_conv_pos_embedding_groups,
    featProjLayerNorm: c.model_type === 'wav2vec2' ? true : c.feat_proj_layer_norm,
  };
}

/** Receptive field of the convolutional feature encoder in samples (400 for the base models). */
export function receptiveFieldSamples(arch: SslArchitecture): number {
  let field = 1;
  let jump = 1;
  arch.convKernel.forEach((kernel, i) => {
    field += (kernel - 1) * jump;
    jump *= arch.convStride[i] ?? 1;
  });
  return field;
}

/** Number of encoder frames for a clip of `samples` samples (0 when shorter than the receptive field). */
export function frameCount(arch: SslArchitecture, samples: number): number {
  let length = samples;
  arch.convKernel.forEach((kernel, i) => {
    length = length < kernel ? 0 : Math.floor((length - kernel) / (arch.convStride[i] ?? 1)) + 1;
  });
  return length;
}

/** Writes an architecture as a HuggingFace-style config.json object (used by the random checkpoint writer). */
export function architectureToConfigJson(arch: SslArchitecture): Record<string, unknown> {
  return {
    model_type: arch.modelType,
    architectures: [arch.modelType === 'hubert' ? 'HubertModel' : 'Wav2Vec2Model'],
    hidden_size: arch.hiddenSize,
    num_hidden_layers: arch.numLayers,
    num_attention_heads: arch.numHeads,
    intermediate_size: arch.intermediateSize,
    hidden_act: 'gelu',
    layer_norm_eps: arch.layerNormEps,
    feat_extract_norm: 'group',
    feat_extract_activation: 'gelu',
    conv_dim: arch.convDim,
    conv_stride: arch.convStride,
    conv_kernel: arch.convKernel,
    conv_bias: arch.convBias,
    num_conv_pos_embeddings: arch.posConvKernel,
    num_conv_pos_embedding_groups: arch.posConvGroups,
    do_stable_layer_norm: false,
    feat_proj_layer_norm: arch.featProjLayerNorm,
  };
}
