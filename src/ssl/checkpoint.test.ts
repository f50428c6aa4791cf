// Checkpoint loading against seeded random checkpoints written by the project itself: layouts, weight-norm
// namings, and one clear line per error (missing folder, missing tensor, wrong shape, unsupported architecture).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldWeightNorm, loadCheckpoint } from './checkpoint.js';
import { architectureToConfigJson } from './config.js';
import { createRandomCheckpoint, randomCheckpointTensors, TINY_ARCHITECTURE, writeCheckpointFolder } from '../../test/support/random-checkpoint.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ssl-ckpt-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('foldWeightNorm', () => {
  it('scales each kernel tap of v to norm g over the first two dims', () => {
    // v [2, 1, 2]: tap 0 holds (3, 4) → norm 5; tap 1 holds (0, 2) → norm 2.
    const w = foldWeightNorm(Float32Array.of(10, 1), Float32Array.of(3, 0, 4, 2), 2);
    expect([...w]).toEqual([6, 0, 8, 1]);
  });
});

describe('loadCheckpoint', () => {
  it('loads the same weights from every layout and weight-norm naming', async () => {
    const variants = [
      { layout: 'plain', weightNorm: 'legacy' },
      { layout: 'pretraining', weightNorm: 'parametrizations' },
      { layout: 'plain', weightNorm: 'parametrizations' },
    ] as const;
    const loaded = [];
    for (const [i, options] of variants.entries()) {
      const dir = join(root, `variant-${i}`);
      await createRandomCheckpoint(dir, TINY_ARCHITECTURE, 7, options);
      loaded.push(await loadCheckpoint(dir));
    }
    const [first, ...rest] = loaded;
    for (const other of rest) {
      expect(other.arch).toEqual(first?.arch);
      expect(other.weights.posConv.weight).toEqual(first?.weights.posConv.weight);
      expect(other.weights.layers[1]?.ffOut.weight).toEqual(first?.weights.layers[1]?.ffOut.weight);
    }
  });

  it('says when the folder does not exist', async () => {
    await expect(loadCheckpoint(join(root, 'nope'))).rejects.toThrow(/^checkpoint: folder .*nope does not exist$/);
  });

  it('names a missing tensor with its full name', async () => {
    const tensors = randomCheckpointTensors(TINY_ARCHITECTURE, 1, { layout: 'pretraining' });
    tensors.delete('wav2vec2.encoder.layers.1.attention.k_proj.bias');
    const dir = join(root, 'missing');
    await writeCheckpointFolder(dir, architectureToConfigJson(TINY_ARCHITECTURE), tensors);
    await expect(loadCheckpoint(dir)).rejects.toThrow(/model.safetensors: missing tensor 'wav2vec2.encoder.layers.1.attention.k_proj.bias'$/);
  });

  it('names a tensor whose shape disagrees with config.json', async () => {
    const tensors = randomCheckpointTensors(TINY_ARCHITECTURE, 1);
    tensors.set('feature_projection.projection.weight', { shape: [32, 8], data: new Float32Array(256) });
    const dir = join(root, 'shape');
    await writeCheckpointFolder(dir, architectureToConfigJson(TINY_ARCHITECTURE), tensors);
    await expect(loadCheckpoint(dir)).rejects.toThrow(/tensor 'feature_projection.projection.weight' has shape \[32, 8\], config.json implies \[32, 16\]/);
  });

  it('rejects an unsupported architecture before reading weights', async () => {
    const dir = join(root, 'stable');
    await createRandomCheckpoint(dir, TINY_ARCHITECTURE, 1);
    await writeFile(join(dir, 'config.json'), JSON.stringify({ ...architectureToConfigJson(TINY_ARCHITECTURE), do_stable_layer_norm: true }));
    await expect(loadCheckpoint(dir)).rejects.toThrow(/config.json: unsupported architecture: do_stable_layer_norm: true/);
    await writeFile(join(dir, 'config.json'), JSON.stringify({ model_type: 'wavlm' }));
    await expect(loadCheckpoint(dir)).rejects.toThrow(/unsupported architecture: model_type 'wavlm'/);
  });

  it('says which file is missing from the folder', async () => {
    const dir = join(root, 'config-only');
    await createRandomCheckpoint(dir, TINY_ARCHITECTURE, 1);
    await rm(join(dir, 'model.safetensors'));
    await expect(loadCheckpoint(dir)).rejects.toThrow(/missing model.safetensors/);
    await rm(join(dir, 'config.json'));
    await expect(loadCheckpoint(dir)).rejects.toThrow(/missing config.json/);
  });
});

describe('positional-conv weight names', () => {
  it('accepts an already folded weight and names the expected tensors when none is present', async () => {
    const tensors = randomCheckpointTensors(TINY_ARCHITECTURE, 2);
    const dir = join(root, 'folded');
    await writeCheckpointFolder(dir, architectureToConfigJson(TINY_ARCHITECTURE), tensors);
    const reference = await loadCheckpoint(dir);
    tensors.delete('encoder.pos_conv_embed.conv.weight_g');
    tensors.delete('encoder.pos_conv_embed.conv.weight_v');
    await writeCheckpointFolder(dir, architectureToConfigJson(TINY_ARCHITECTURE), tensors);
    await expect(loadCheckpoint(dir)).rejects.toThrow(/missing tensor 'encoder.pos_conv_embed.conv.weight_g' \(or weight_v, parametrizations/);
    tensors.set('encoder.pos_conv_embed.conv.weight', { shape: [32, 8, 16], data: reference.weights.posConv.weight });
    await writeCheckpointFolder(dir, architectureToConfigJson(TINY_ARCHITECTURE), tensors);
    expect((await loadCheckpoint(dir)).weights.posConv.weight).toEqual(reference.weights.posConv.weight);
  });
});
