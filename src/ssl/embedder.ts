// Clip-level SSL embeddings: normalise each 16 kHz clip (unless preprocessor_config.json says do_normalize: false), run the model on batches of clips of exactly equal
// length, mean-pool the selected hidden state over frames.
//
// Why only equal lengths share a batch: the group-norm base models are used without an attention mask
// (transformers does not pass one for wav2vec2-base), and the conv encoder's GroupNorm normalises over all time
// steps, so zero padding would change every frame's value. Equal-length batches give exactly the single-clip
// result; other clips run one at a time.
import { frameCount, receptiveFieldSamples, type SslArchitecture } from './config.js';
import { loadSslModel, type LoadedSslModel } from './model-source.js';
import { zeroMeanUnitVariance } from './normalize.js';
import type { SslDevice } from './runtime.js';

export const SSL_SAMPLE_RATE_HZ = 16000;

export interface SslEmbedderOptions {
  /** Hidden state to pool: 'last' (default) or an index 0…numLayers (negative counts from the end). */
  readonly layer?: number | 'last';
  /** Pooling over frames; only 'mean' (default). */
  readonly pool?: 'mean';
  /** Execution device (default 'auto'). */
  readonly device?: SslDevice;
  /** onnxruntime intra-op threads (default 0: one per physical core). */
  readonly threads?: number;
  /** Most clips in one forward pass (default 32). */
  readonly batchSize?: number;
  /** Most samples in one forward pass, bounding memory (default 30 s of audio). */
  readonly maxBatchSamples?: number;
  /** Longer clips get a flagged missing row: self-attention memory grows with the square of length, ~3.5 GB per
   * layer's scores and probabilities at 120 s for a base model (default 120 s). */
  readonly maxClipSeconds?: number;
}

/** One clip's pooled embedding, or why there is none (too short, too long, non-finite output). The feature library
 * takes these as its rows; this library does not know it. */
export type EmbeddingRow = { readonly ok: true; readonly values: Float64Array } | { readonly ok: false; readonly reason: string };

/** A loaded SSL model that turns clips into pooled embeddings. */
export interface SslEmbedder {
  readonly arch: SslArchitecture;
  readonly provider: 'cuda' | 'cpu';
  readonly kind: 'checkpoint' | 'onnx';
  readonly normalize: boolean;
  readonly loadMs: number;
  /** One row per clip (16 kHz mono), in order; too-short or too-long clips are flagged rows. */
  embed(clips: readonly Float32Array[]): Promise<EmbeddingRow[]>;
  close(): Promise<void>;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

/** Groups clip indices by exact length, in chunks of at most `batchSize` clips and `maxBatchSamples` samples. */
export function planBatches(lengths: readonly number[], batchSize: number, maxBatchSamples: number): number[][] {
  const byLength = new Map<number, number[]>();
  lengths.forEach((length, index) => {
    const group = byLength.get(length);
    if (group === undefined) byLength.set(length, [index]);
    else group.push(index);
  });
  const batches: number[][] = [];
  for (const [length, indices] of byLength) {
    const size = Math.max(1, Math.min(batchSize, Math.floor(maxBatchSamples / Math.max(1, length))));
    for (let i = 0; i < indices.length; i += size) batches.push(indices.slice(i, i + size));
  }
  return batches;
}

/** Mean over frames of one item of a [batch, frames, hidden] tensor, in float64. */
function meanPool(data: Float32Array, item: number, frames: number, hidden: number): Float64Array {
  const out = new Float64Array(hidden);
  const base = item * frames * hidden;
  for (let t = 0; t < frames; t++) {
    const row = base + t * hidden;
    for (let c = 0; c < hidden; c++) out[c] = (out[c] ?? 0) + (data[row + c] ?? 0);
  }
  for (let c = 0; c < hidden; c++) out[c] = (out[c] ?? 0) / frames;
  return out;
}

async function runBatch(loaded: LoadedSslModel, clips: readonly Float32Array[], indices: readonly number[], rows: EmbeddingRow[]): Promise<void> {
  const length = clips[indices[0] ?? 0]?.length ?? 0;
  const input = new Float32Array(indices.length * length);
  indices.forEach((index, item) => {
    const clip = clips[index] ?? new Float32Array(0);
    input.set(loaded.normalize ? zeroMeanUnitVariance(clip) : clip, item * length);
  });
  const out = (await loaded.model.run(input, [indices.length, length], [loaded.outputName])).get(loaded.outputName);
  const [, frames, hidden] = out?.dims ?? [];
  if (out === undefined || frames === undefined || hidden === undefined || frames !== frameCount(loaded.arch, length)) {
    throw new RangeError(`model output '${loaded.outputName}' has shape [${out?.dims.join(', ')}], expected [${indices.length}, ${frameCount(loaded.arch, length)}, ${loaded.arch.hiddenSize}]`);
  }
  indices.forEach((index, item) => {
    const values = meanPool(out.data, item, frames, hidden);
    rows[index] = values.every(Number.isFinite) ? { ok: true, values } : { ok: false, reason: 'the model produced non-finite values' };
  });
}

/** Opens the model folder `dir` (checkpoint or ONNX export) as an embedder. */
export async function openSslEmbedder(dir: string, options: SslEmbedderOptions = {}): Promise<SslEmbedder> {
  if ((options.pool ?? 'mean') !== 'mean') throw new RangeError(`pool must be 'mean', got '${String(options.pool)}'`);
  const batchSize = positiveInteger(options.batchSize ?? 32, 'batch_size');
  const maxBatchSamples = positiveInteger(options.maxBatchSamples ?? 30 * SSL_SAMPLE_RATE_HZ, 'maxBatchSamples');
  const maxClipSeconds = options.maxClipSeconds ?? 120;
  if (!(maxClipSeconds > 0)) throw new RangeError(`maxClipSeconds must be positive, got ${maxClipSeconds}`);
  const loaded = await loadSslModel(dir, options.layer ?? 'last', {
    ...(options.device !== undefined ? { device: options.device } : {}),
    ...(options.threads !== undefined ? { threads: options.threads } : {}),
  });
  const minSamples = receptiveFieldSamples(loaded.arch);
  return {
    arch: loaded.arch,
    provider: loaded.model.provider,
    kind: loaded.kind,
    normalize: loaded.normalize,
    loadMs: loaded.loadMs,
    async embed(clips) {
      const rows: EmbeddingRow[] = new Array<EmbeddingRow>(clips.length);
      const runnable: number[] = [];
      clips.forEach((clip, index) => {
        if (clip.length < minSamples) {
          rows[index] = { ok: false, reason: `clip shorter than the model's receptive field (${clip.length} < ${minSamples} samples at 16 kHz)` };
        } else if (clip.length > maxClipSeconds * SSL_SAMPLE_RATE_HZ) {
          rows[index] = { ok: false, reason: `clip longer than max_clip_s (${(clip.length / SSL_SAMPLE_RATE_HZ).toFixed(1)} s > ${maxClipSeconds} s)` };
        } else {
          runnable.push(index);
        }
      });
      const lengths = runnable.map((index) => clips[index]?.length ?? 0);
      for (const batch of planBatches(lengths, batchSize, maxBatchSamples)) {
        await runBatch(loaded, clips, batch.map((i) => runnable[i] ?? 0), rows);
      }
      return rows;
    },
    close: () => loaded.model.close(),
  };
}
