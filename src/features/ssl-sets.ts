// The `hubert_ssl` and `wav2vec2_ssl` feature sets: mean-pooled hidden states of a local HuBERT / wav2vec2
// checkpoint folder (or ONNX export) named by `features.<set>.model_path` in params.yaml. See docs/ssl.md.
import { FeatureInputError } from './feature-input-error.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseSslConfig } from '../ssl/config.js';
import { openSslEmbedder, SSL_SAMPLE_RATE_HZ } from '../ssl/embedder.js';
import type { FeatureExtractor, FeatureParams, FeatureRow, FeatureSet, MonoAudio } from './types.js';

/** Validated parameters of an SSL feature set. */
export interface SslSetParams {
  readonly modelPath: string;
  readonly layer: number | 'last';
  readonly pool: 'mean';
  readonly batchSize: number;
  readonly device: 'auto' | 'cpu' | 'cuda';
  readonly threads: number;
  readonly maxClipSeconds: number;
}

const integerLike = z.union([z.number(), z.string().regex(/^-?\d+$/).transform(Number)]).pipe(z.number().int());

/** An SSL set's params (params.yaml `features.<set>` or `--param`): `model_path` is required, null skips the set. */
export const sslParamsSchema = z.object({
  model_path: z.string({ error: 'required: a local checkpoint folder or ONNX export (see docs/ssl.md), or null to skip the set' }).min(1).nullable(),
  layer: z.union([z.literal('last'), integerLike]).default('last'),
  pool: z.literal('mean').default('mean'),
  batch_size: integerLike.pipe(z.number().int().positive()).default(32),
  device: z.enum(['auto', 'cpu', 'cuda']).default('auto'),
  threads: integerLike.pipe(z.number().int().nonnegative()).default(0),
  max_clip_s: z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/).transform(Number)]).pipe(z.number().positive()).default(120),
});

/** Why set `name` must be skipped with these params (no model_path), or undefined when it can run. For the
 * research pipeline's foreach over feature sets: print the message and skip instead of failing. Other sets: undefined. */
export function sslSkipReason(name: string, params: FeatureParams): string | undefined {
  if (name !== 'hubert_ssl' && name !== 'wav2vec2_ssl') return undefined;
  const path = params['model_path'];
  return path === undefined || path === '' ? noCheckpointMessage(name) : undefined;
}

function noCheckpointMessage(name: string): string {
  return `no checkpoint configured for ${name}: set features.${name}.model_path in params.yaml (or --param model_path=DIR)`;
}

/** Parses and validates the params of set `name`; throws FeatureInputError with one clear line. */
export function parseSslSetParams(name: string, params: FeatureParams): SslSetParams {
  const skip = sslSkipReason(name, params);
  if (skip !== undefined) throw new FeatureInputError('bad-param', skip);
  const parsed = sslParamsSchema.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FeatureInputError('bad-param', `${name}: invalid param '${issue?.path.join('.') ?? '?'}' (${issue?.message ?? 'invalid'}); expected model_path=DIR, layer=last|N, pool=mean, batch_size=N, device=auto|cpu|cuda, threads=N, max_clip_s=S`);
  }
  const p = parsed.data;
  if (p.model_path === null) throw new FeatureInputError('bad-model-path', noCheckpointMessage(name));
  return { modelPath: p.model_path, layer: p.layer, pool: p.pool, batchSize: p.batch_size, device: p.device, threads: p.threads, maxClipSeconds: p.max_clip_s };
}

/** Reads `config.json` of the model folder synchronously (columns() is synchronous) and checks its model type. */
function readModelConfig(name: string, modelType: 'hubert' | 'wav2vec2', modelPath: string): { hiddenSize: number } {
  const path = join(modelPath, 'config.json');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new FeatureInputError('bad-model-path', missing ? `${name}: no config.json in ${modelPath} (model_path must be a checkpoint or ONNX-export folder)` : `${path}: not valid JSON`);
  }
  const arch = parseSslConfig(json, path);
  if (arch.modelType !== modelType) {
    throw new FeatureInputError('bad-model-path', `${name}: ${path} is a '${arch.modelType}' model; ${name} expects model_type '${modelType}'`);
  }
  return { hiddenSize: arch.hiddenSize };
}

/** Signature of `resample` in src/audio/resample.ts. */
export type Resampler = (samples: Float32Array, fromHz: number, toHz: number) => Float32Array;

/** The project's resampler (src/audio/resample.ts) if this build has it, else undefined. The specifier is a
 * variable so this file compiles before that module lands on this branch; the export is checked at run time. */
export async function loadResampler(): Promise<Resampler | undefined> {
  const specifier = '../audio/resample.js';
  try {
    const mod: unknown = await import(specifier);
    if (typeof mod === 'object' && mod !== null && 'resample' in mod && typeof mod.resample === 'function') return mod.resample as Resampler;
  } catch {
    // Not in this build: clips at other rates become flagged rows.
  }
  return undefined;
}

/** 16 kHz samples of each clip (resampled when a resampler exists), or a flagged row saying why not. */
function samplesAt16k(name: string, clips: readonly MonoAudio[], resampler: Resampler | undefined): (Float32Array | FeatureRow)[] {
  return clips.map((clip) => {
    if (clip.sampleRateHz === SSL_SAMPLE_RATE_HZ) return clip.samples;
    if (resampler !== undefined) return resampler(clip.samples, clip.sampleRateHz, SSL_SAMPLE_RATE_HZ);
    return { ok: false, reason: `${name} needs ${SSL_SAMPLE_RATE_HZ} Hz audio, got ${clip.sampleRateHz} Hz (no resampler in this build)` };
  });
}

async function openSslExtractor(name: string, modelType: 'hubert' | 'wav2vec2', params: FeatureParams): Promise<FeatureExtractor> {
  const p = parseSslSetParams(name, params);
  readModelConfig(name, modelType, p.modelPath);
  const embedder = await openSslEmbedder(p.modelPath, { layer: p.layer, pool: p.pool, batchSize: p.batchSize, device: p.device, threads: p.threads, maxClipSeconds: p.maxClipSeconds });
  const resampler = await loadResampler();
  return {
    parallelizable: false,
    async extractBatch(clips) {
      const inputs = samplesAt16k(name, clips, resampler);
      const runnable = inputs.flatMap((input, i) => (input instanceof Float32Array ? [i] : []));
      const embedded = await embedder.embed(runnable.map((i) => inputs[i] as Float32Array));
      const rows = inputs.map((input): FeatureRow => (input instanceof Float32Array ? { ok: false, reason: 'internal: clip was not embedded' } : input));
      runnable.forEach((clipIndex, k) => {
        const row = embedded[k];
        if (row !== undefined) rows[clipIndex] = row;
      });
      return rows;
    },
    close: () => embedder.close(),
  };
}

/** Builds the feature set `name` for checkpoints of `modelType`. Columns: ssl_0 … ssl_{hidden_size−1}. */
function sslSet(name: string, modelType: 'hubert' | 'wav2vec2'): FeatureSet {
  return {
    name,
    paramsSchema: sslParamsSchema,
    columns(params) {
      const { hiddenSize } = readModelConfig(name, modelType, parseSslSetParams(name, params).modelPath);
      return Array.from({ length: hiddenSize }, (_, i) => `ssl_${i}`);
    },
    open: (params) => openSslExtractor(name, modelType, params),
  };
}

/** Mean-pooled hidden state of a HuBERT(-base) checkpoint. */
export const hubertSslSet: FeatureSet = sslSet('hubert_ssl', 'hubert');
/** Mean-pooled hidden state of a wav2vec2(-base) checkpoint. */
export const wav2vec2SslSet: FeatureSet = sslSet('wav2vec2_ssl', 'wav2vec2');
