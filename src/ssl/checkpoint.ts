// Loads a HuggingFace HuBERT / wav2vec2 checkpoint folder (config.json + model.safetensors) into validated
// float32 weights. Accepts the bare HubertModel/Wav2Vec2Model names and the `wav2vec2.`/`hubert.`-prefixed names
// of the pre-training and fine-tuning classes, and both weight-norm namings of the positional convolution
// (`weight_g`/`weight_v`, or `parametrizations.weight.original0/1` written by newer torch). docs/ssl.md lists them.
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSslConfig, type SslArchitecture } from './config.js';
import { readSafetensors, type Float32Tensor, type SafetensorsFile } from './safetensors.js';

export interface NormWeights { readonly weight: Float32Array; readonly bias: Float32Array }
export interface LinearWeights { readonly weight: Float32Array; readonly bias: Float32Array }

export interface EncoderLayerWeights {
  readonly q: LinearWeights;
  readonly k: LinearWeights;
  readonly v: LinearWeights;
  readonly out: LinearWeights;
  readonly attentionNorm: NormWeights;
  readonly ffIn: LinearWeights;
  readonly ffOut: LinearWeights;
  readonly finalNorm: NormWeights;
}

/** All inference weights, PyTorch layouts ([out, in] for linear, [out, in/groups, kernel] for conv). */
export interface SslWeights {
  readonly convs: readonly { readonly weight: Float32Array; readonly bias: Float32Array | undefined }[];
  readonly convNorm: NormWeights;
  readonly projectionNorm: NormWeights | undefined;
  readonly projection: LinearWeights;
  /** Positional convolution weight with weight normalisation already folded in. */
  readonly posConv: LinearWeights;
  readonly encoderNorm: NormWeights;
  readonly layers: readonly EncoderLayerWeights[];
}

export interface SslCheckpoint {
  readonly arch: SslArchitecture;
  readonly weights: SslWeights;
}

const KNOWN_PREFIXES = ['', 'wav2vec2.', 'hubert.'];

/** Throws RangeError unless `dir` is an existing folder. */
export function assertFolder(dir: string, what: string): void {
  if (!existsSync(dir)) throw new RangeError(`${what}: folder ${dir} does not exist`);
  if (!statSync(dir).isDirectory()) throw new RangeError(`${what}: ${dir} is not a folder`);
}

/** Reads and validates `<dir>/config.json`. */
export async function readSslConfig(dir: string): Promise<SslArchitecture> {
  const path = join(dir, 'config.json');
  if (!existsSync(path)) throw new RangeError(`checkpoint ${dir}: missing config.json`);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    throw new RangeError(`${path}: not valid JSON`);
  }
  return parseSslConfig(json, path);
}

/** Looks tensors up by their unprefixed name and checks shapes. */
class TensorSource {
  constructor(private readonly file: SafetensorsFile, private readonly prefix: string, private readonly path: string) {}

  has(name: string): boolean {
    return this.file.shape(this.prefix + name) !== undefined;
  }

  get(name: string, expected: readonly number[]): Float32Tensor {
    const full = this.prefix + name;
    const shape = this.file.shape(full);
    if (shape === undefined) throw new RangeError(`${this.path}: missing tensor '${full}'`);
    if (shape.length !== expected.length || shape.some((d, i) => d !== expected[i])) {
      throw new RangeError(`${this.path}: tensor '${full}' has shape [${shape.join(', ')}], config.json implies [${expected.join(', ')}]`);
    }
    return this.file.tensor(full);
  }

  /** RangeError naming the tensor (with this checkpoint's prefix) and what else would have been accepted. */
  missing(name: string, alternatives: string): RangeError {
    return new RangeError(`${this.path}: missing tensor '${this.prefix + name}' (${alternatives})`);
  }

  data(name: string, expected: readonly number[]): Float32Array {
    return this.get(name, expected).data;
  }

  norm(name: string, size: number): NormWeights {
    return { weight: this.data(`${name}.weight`, [size]), bias: this.data(`${name}.bias`, [size]) };
  }

  linear(name: string, outSize: number, inSize: number): LinearWeights {
    return { weight: this.data(`${name}.weight`, [outSize, inSize]), bias: this.data(`${name}.bias`, [outSize]) };
  }
}

/** w = g · v / ‖v‖ with the norm over dims 0 and 1 for each kernel tap (torch weight_norm with dim = 2). */
export function foldWeightNorm(g: Float32Array, v: Float32Array, kernel: number): Float32Array {
  const norms = new Float64Array(kernel);
  for (let i = 0; i < v.length; i++) norms[i % kernel] = (norms[i % kernel] ?? 0) + (v[i] ?? 0) ** 2;
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const tap = i % kernel;
    out[i] = ((g[tap] ?? 0) * (v[i] ?? 0)) / Math.sqrt(norms[tap] ?? 1);
  }
  return out;
}

function posConvWeights(src: TensorSource, arch: SslArchitecture): LinearWeights {
  const h = arch.hiddenSize;
  const k = arch.posConvKernel;
  const vShape = [h, h / arch.posConvGroups, k];
  const base = 'encoder.pos_conv_embed.conv';
  const bias = src.data(`${base}.bias`, [h]);
  if (src.has(`${base}.weight_g`) || src.has(`${base}.weight_v`)) {
    return { weight: foldWeightNorm(src.data(`${base}.weight_g`, [1, 1, k]), src.data(`${base}.weight_v`, vShape), k), bias };
  }
  const param = `${base}.parametrizations.weight`;
  if (src.has(`${param}.original0`) || src.has(`${param}.original1`)) {
    return { weight: foldWeightNorm(src.data(`${param}.original0`, [1, 1, k]), src.data(`${param}.original1`, vShape), k), bias };
  }
  if (src.has(`${base}.weight`)) return { weight: src.data(`${base}.weight`, vShape), bias };
  throw src.missing(`${base}.weight_g`, 'or weight_v, parametrizations.weight.original0/1, or a folded weight');
}

function encoderLayer(src: TensorSource, arch: SslArchitecture, index: number): EncoderLayerWeights {
  const h = arch.hiddenSize;
  const base = `encoder.layers.${index}`;
  return {
    q: src.linear(`${base}.attention.q_proj`, h, h),
    k: src.linear(`${base}.attention.k_proj`, h, h),
    v: src.linear(`${base}.attention.v_proj`, h, h),
    out: src.linear(`${base}.attention.out_proj`, h, h),
    attentionNorm: src.norm(`${base}.layer_norm`, h),
    ffIn: src.linear(`${base}.feed_forward.intermediate_dense`, arch.intermediateSize, h),
    ffOut: src.linear(`${base}.feed_forward.output_dense`, h, arch.intermediateSize),
    finalNorm: src.norm(`${base}.final_layer_norm`, h),
  };
}

/** Extracts and validates every inference weight from a parsed safetensors file. */
export function weightsFromSafetensors(file: SafetensorsFile, arch: SslArchitecture, path: string): SslWeights {
  const probe = 'feature_extractor.conv_layers.0.conv.weight';
  const prefix = KNOWN_PREFIXES.find((p) => file.shape(p + probe) !== undefined);
  if (prefix === undefined) throw new RangeError(`${path}: missing tensor '${probe}' (looked for it with no prefix and with ${KNOWN_PREFIXES.slice(1).map((p) => `'${p}'`).join(', ')})`);
  const src = new TensorSource(file, prefix, path);
  const convs = arch.convDim.map((channels, i) => {
    const inChannels = i === 0 ? 1 : (arch.convDim[i - 1] ?? 1);
    const name = `feature_extractor.conv_layers.${i}.conv`;
    return {
      weight: src.data(`${name}.weight`, [channels, inChannels, arch.convKernel[i] ?? 1]),
      bias: arch.convBias ? src.data(`${name}.bias`, [channels]) : undefined,
    };
  });
  const lastConv = arch.convDim[arch.convDim.length - 1] ?? 1;
  return {
    convs,
    convNorm: src.norm('feature_extractor.conv_layers.0.layer_norm', arch.convDim[0] ?? 1),
    projectionNorm: arch.featProjLayerNorm ? src.norm('feature_projection.layer_norm', lastConv) : undefined,
    projection: src.linear('feature_projection.projection', arch.hiddenSize, lastConv),
    posConv: posConvWeights(src, arch),
    encoderNorm: src.norm('encoder.layer_norm', arch.hiddenSize),
    layers: Array.from({ length: arch.numLayers }, (_, i) => encoderLayer(src, arch, i)),
  };
}

/** Loads `<dir>/config.json` and `<dir>/model.safetensors`; throws RangeError with one clear line on any problem. */
export async function loadCheckpoint(dir: string): Promise<SslCheckpoint> {
  assertFolder(dir, 'checkpoint');
  const arch = await readSslConfig(dir);
  const path = join(dir, 'model.safetensors');
  if (!existsSync(path)) throw new RangeError(`checkpoint ${dir}: missing model.safetensors (pytorch_model.bin is not supported: re-save with safe_serialization=True)`);
  return { arch, weights: weightsFromSafetensors(await readSafetensors(path), arch, path) };
}
