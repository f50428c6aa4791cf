// Parity with test/fixtures/reference/ssl/expected.json: hidden states and pooled vectors of a tiny random
// checkpoint, computed by an independent PyTorch implementation (see test/fixtures/reference/README or
// shared/reference/README.md, section ssl/). Tolerances from issue #6: 1e-4 (hidden states), 1e-5 (pooled).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeWavFile } from '../audio/wav-decode.js';
import { loadCheckpoint } from './checkpoint.js';
import { openSslEmbedder } from './embedder.js';
import { zeroMeanUnitVariance } from './normalize.js';
import { openOrtModel, type OrtModel } from './runtime.js';
import { buildSslOnnx, hiddenStateName } from './ssl-graph.js';

const REFERENCE = join(import.meta.dirname, '../../test/fixtures/reference');
const expectedSchema = z.object({
  files: z.record(z.string(), z.object({
    n_samples: z.number().int(),
    n_frames: z.number().int(),
    hidden_states: z.array(z.array(z.array(z.number()))),
    pooled_last: z.array(z.number()),
  })),
});
const expected = expectedSchema.parse(JSON.parse(readFileSync(join(REFERENCE, 'ssl/expected.json'), 'utf8')));
const files = Object.entries(expected.files);

function maxAbsDiff(actual: ArrayLike<number>, wanted: readonly number[]): number {
  expect(actual.length).toBe(wanted.length);
  let max = 0;
  for (let i = 0; i < wanted.length; i++) max = Math.max(max, Math.abs((actual[i] ?? NaN) - (wanted[i] ?? NaN)));
  return max;
}

async function clip(file: string): Promise<Float32Array> {
  const audio = await decodeWavFile(join(REFERENCE, 'audio', file));
  expect(audio.sampleRateHz).toBe(16000);
  return audio.samples;
}

describe.each(['tiny-hubert', 'tiny-wav2vec2'])('reference parity, %s layout', (layout) => {
  const dir = join(REFERENCE, 'ssl', layout);
  let model: OrtModel;
  let names: string[];

  beforeAll(async () => {
    const checkpoint = await loadCheckpoint(dir);
    names = Array.from({ length: checkpoint.arch.numLayers + 1 }, (_, i) => hiddenStateName(checkpoint.arch, i));
    model = await openOrtModel(buildSslOnnx(checkpoint, 'all'), { device: 'cpu' });
  });
  afterAll(() => model.close());

  it.each(files)('every hidden state of %s within 1e-4', async (file, want) => {
    const input = zeroMeanUnitVariance(await clip(file));
    expect(input.length).toBe(want.n_samples);
    const out = await model.run(input, [1, input.length], names);
    names.forEach((name, i) => {
      const state = out.get(name);
      expect(state?.dims).toEqual([1, want.n_frames, 32]);
      expect(maxAbsDiff(state?.data ?? [], (want.hidden_states[i] ?? []).flat())).toBeLessThan(1e-4);
    });
  });

  it('pooled last states of all files within 1e-5 through the embedder', async () => {
    const embedder = await openSslEmbedder(dir, { device: 'cpu' });
    const rows = await embedder.embed(await Promise.all(files.map(([file]) => clip(file))));
    rows.forEach((row, i) => {
      if (!row.ok) throw new Error(row.reason);
      expect(maxAbsDiff(row.values, files[i]?.[1].pooled_last ?? [])).toBeLessThan(1e-5);
    });
    await embedder.close();
  });

  it('layer: 1 pools hidden state 1 from a truncated graph', async () => {
    const embedder = await openSslEmbedder(dir, { layer: 1, device: 'cpu' });
    const [file, want] = files[0] ?? ['', undefined];
    const [row] = await embedder.embed([await clip(file)]);
    const state = want?.hidden_states[1] ?? [];
    const mean = Array.from({ length: 32 }, (_, c) => state.reduce((sum, frame) => sum + (frame[c] ?? 0), 0) / state.length);
    if (!row?.ok) throw new Error('no row');
    expect(maxAbsDiff(row.values, mean)).toBeLessThan(1e-5);
    await embedder.close();
  });
});
