// Embedder behaviour on a seeded random tiny checkpoint: batching never changes a clip's result, clips shorter
// than the receptive field are flagged, and ONNX-export folders give the same embeddings as the checkpoint.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCheckpoint } from './checkpoint.js';
import { openSslEmbedder, planBatches, type SslEmbedder } from './embedder.js';
import { zeroMeanUnitVariance } from './normalize.js';
import { GraphBuilder } from './onnx/graph-builder.js';
import { createRandomCheckpoint, TINY_ARCHITECTURE } from '../../test/support/random-checkpoint.js';
import { buildSslOnnx } from './ssl-graph.js';

let root: string;
let checkpointDir: string;

/** Deterministic test signal: a chirp plus a little pseudo-noise. */
function signal(length: number, seed: number): Float32Array {
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = 0.3 * Math.sin(0.001 * seed * i * i / 100 + seed) + 0.01 * Math.sin(i * 12.9898 * seed);
  return out;
}

function values(row: { ok: boolean } | undefined): Float64Array {
  if (row === undefined || !('values' in row)) throw new Error('expected an ok row');
  return row.values as Float64Array;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ssl-embed-'));
  checkpointDir = join(root, 'ckpt');
  await createRandomCheckpoint(checkpointDir, TINY_ARCHITECTURE, 11);
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('planBatches', () => {
  it('groups exactly equal lengths, capped by clips and by samples', () => {
    expect(planBatches([5, 7, 5, 5, 7, 9], 2, 100)).toEqual([[0, 2], [3], [1, 4], [5]]);
    expect(planBatches([50, 50, 50], 8, 100)).toEqual([[0, 1], [2]]);
    expect(planBatches([500], 8, 100)).toEqual([[0]]);
  });
});

describe('openSslEmbedder', () => {
  let embedder: SslEmbedder;
  beforeAll(async () => {
    embedder = await openSslEmbedder(checkpointDir, { device: 'cpu', batchSize: 3 });
  });
  afterAll(() => embedder.close());

  it('gives each clip the same embedding alone or in a batch of equal lengths', async () => {
    const clips = [signal(6400, 1), signal(6400, 2), signal(4000, 3), signal(6400, 4), signal(6400, 5)];
    const batched = await embedder.embed(clips);
    expect(embedder.provider).toBe('cpu');
    for (const [i, clip] of clips.entries()) {
      const [alone] = await embedder.embed([clip]);
      const a = values(alone);
      const b = values(batched[i]);
      expect(a.length).toBe(32);
      for (let c = 0; c < a.length; c++) expect(Math.abs((a[c] ?? 0) - (b[c] ?? 0))).toBeLessThan(1e-5);
    }
    expect(values(batched[0])).not.toEqual(values(batched[1]));
  });

  it('flags clips shorter than the 400-sample receptive field and still embeds the rest', async () => {
    const rows = await embedder.embed([signal(399, 1), signal(400, 1), new Float32Array(0)]);
    expect(rows[0]).toEqual({ ok: false, reason: "clip shorter than the model's receptive field (399 < 400 samples at 16 kHz)" });
    expect(values(rows[1]).length).toBe(32);
    expect(rows[2]?.ok).toBe(false);
  });

  it('flags clips longer than max_clip_s', async () => {
    const short = await openSslEmbedder(checkpointDir, { device: 'cpu', maxClipSeconds: 0.5 });
    const rows = await short.embed([signal(8001, 1), signal(8000, 1)]);
    expect(rows[0]).toEqual({ ok: false, reason: 'clip longer than max_clip_s (0.5 s > 0.5 s)' });
    expect(rows[1]?.ok).toBe(true);
    await short.close();
  });

  it('rejects bad options and layers in one line', async () => {
    await expect(openSslEmbedder(checkpointDir, { layer: 3 })).rejects.toThrow(/layer 3 does not exist: the model has hidden states 0…2/);
    await expect(openSslEmbedder(checkpointDir, { batchSize: 0 })).rejects.toThrow(/batch_size must be a positive integer/);
    await expect(openSslEmbedder(join(root, 'missing'))).rejects.toThrow(/SSL model: folder .* does not exist/);
  });
});

describe('architecture variants', () => {
  it('runs a checkpoint with conv biases (conv_bias: true) and without the projection LayerNorm', async () => {
    const dir = join(root, 'conv-bias');
    await createRandomCheckpoint(dir, { ...TINY_ARCHITECTURE, convBias: true, featProjLayerNorm: false, numLayers: 1 }, 5);
    const embedder = await openSslEmbedder(dir, { device: 'cpu' });
    const [row] = await embedder.embed([signal(3000, 2)]);
    expect(values(row).length).toBe(32);
    await embedder.close();
  });
});

describe('preprocessor_config.json', () => {
  it('skips input normalisation when do_normalize is false', async () => {
    const dir = join(root, 'raw-input');
    await createRandomCheckpoint(dir, TINY_ARCHITECTURE, 11);
    await writeFile(join(dir, 'preprocessor_config.json'), JSON.stringify({ do_normalize: false, sampling_rate: 16000 }));
    const raw = await openSslEmbedder(dir, { device: 'cpu' });
    const normalising = await openSslEmbedder(checkpointDir, { device: 'cpu' });
    expect([raw.normalize, normalising.normalize]).toEqual([false, true]);
    const clip = signal(6400, 3);
    const [a] = await raw.embed([zeroMeanUnitVariance(clip)]);
    const [b] = await normalising.embed([clip]);
    expect(values(a)).toEqual(values(b));
    await Promise.all([raw.close(), normalising.close()]);
    await writeFile(join(dir, 'preprocessor_config.json'), JSON.stringify({ sampling_rate: 8000 }));
    await expect(openSslEmbedder(dir)).rejects.toThrow(/sampling_rate 8000 is not supported/);
  });
});

describe('ONNX-export folders', () => {
  it('loads onnx/model.onnx (transformers.js layout) with the same embeddings as the checkpoint', async () => {
    const exportDir = join(root, 'export');
    await mkdir(join(exportDir, 'onnx'), { recursive: true });
    const checkpoint = await loadCheckpoint(checkpointDir);
    await writeFile(join(exportDir, 'onnx', 'model.onnx'), buildSslOnnx(checkpoint, checkpoint.arch.numLayers));
    await writeFile(join(exportDir, 'config.json'), JSON.stringify({ model_type: 'hubert', hidden_size: 32, num_hidden_layers: 2, num_attention_heads: 4, intermediate_size: 64, conv_dim: TINY_ARCHITECTURE.convDim, num_conv_pos_embeddings: 16, num_conv_pos_embedding_groups: 4 }));
    const fromExport = await openSslEmbedder(exportDir, { device: 'cpu' });
    const fromCheckpoint = await openSslEmbedder(checkpointDir, { device: 'cpu' });
    expect(fromExport.kind).toBe('onnx');
    const clip = signal(8000, 9);
    const [a] = await fromExport.embed([clip]);
    const [b] = await fromCheckpoint.embed([clip]);
    expect(values(a)).toEqual(values(b));
    await expect(openSslEmbedder(exportDir, { layer: 1 })).rejects.toThrow(/only provides last_hidden_state; layer 1 needs the checkpoint folder/);
    await Promise.all([fromExport.close(), fromCheckpoint.close()]);
  });

  it('rejects an export whose input and output names differ', async () => {
    const dir = join(root, 'wrong-io');
    await mkdir(dir, { recursive: true });
    const g = new GraphBuilder();
    g.identity('x', 'y');
    await writeFile(join(dir, 'model.onnx'), g.encode('wrong', [{ name: 'x', dims: ['batch', 'samples'] }], [{ name: 'y', dims: ['batch', 'samples'] }]));
    await writeFile(join(dir, 'config.json'), JSON.stringify({ model_type: 'hubert' }));
    await expect(openSslEmbedder(dir)).rejects.toThrow(/expected input 'input_values' and output 'last_hidden_state', found inputs \[x\] and outputs \[y\]/);
  });
});
