// The model file round trip and the ONNX export: onnxruntime-node reproduces predictProba to ≤ 1e-5.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSmallCnn, exportOnnx, openOnnxClassifier, readModelFile, writeModelFile, type SmallCnn } from './index.js';
import { Rng } from '../util/random.js';

const dir = mkdtempSync(join(tmpdir(), 'nn-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function batch(n: number, frames: number, seed: number): { data: Float32Array; n: number; frames: number } {
  const rng = new Rng(seed);
  const data = new Float32Array(n * 64 * frames);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  return { data, n, frames };
}

async function trained(): Promise<SmallCnn> {
  const model = await createSmallCnn({ seed: 7 });
  const rng = new Rng(8);
  for (let s = 0; s < 3; s++) model.trainStep(batch(8, 40, s), [0, 1, 2, 0, 1, 2, 0, 0], [0.5, 1, 1], rng);
  return model;
}

describe('model file', () => {
  it('round-trips weights, architecture and metadata', async () => {
    const model = await trained();
    const path = join(dir, 'model.safetensors');
    writeModelFile(path, { arch: model.arch, state: model.stateDict(), metadata: { epoch: 3, fold: 'all' } });
    const file = readModelFile(path);
    expect(file.arch).toEqual({ classes: 3, melBins: 64, dropout: 0.3 });
    expect(file.metadata).toEqual({ epoch: 3, fold: 'all' });
    const copy = await createSmallCnn({ state: file.state });
    const x = batch(5, 33, 99);
    expect(copy.predictProba(x)).toEqual(model.predictProba(x));
  });

  it('rejects a file that is not a model with one line naming it', () => {
    const path = join(dir, 'junk.safetensors');
    writeFileSync(path, 'not a model');
    expect(() => readModelFile(path)).toThrow(/junk\.safetensors: not a SmallCNN model file/);
    expect(() => readModelFile(join(dir, 'missing.safetensors'))).toThrow(/missing\.safetensors: cannot read the model file \(ENOENT\)/);
  });
});

describe('ONNX export', () => {
  it('gives predictProba’s probabilities through onnxruntime for several lengths (≤ 1e-5)', async () => {
    const model = await trained();
    const onnxPath = join(dir, 'model.onnx');
    writeFileSync(onnxPath, exportOnnx(model.arch, model.stateDict()));
    const ort = await openOnnxClassifier(onnxPath);
    try {
      for (const frames of [56, 37, 4]) {
        const x = batch(6, frames, frames);
        const ours = model.predictProba(x);
        const theirs = await ort.predictProba(x);
        expect(theirs.length).toBe(ours.length);
        let err = 0;
        for (let i = 0; i < ours.length; i++) err = Math.max(err, Math.abs((ours[i] as number) - (theirs[i] as number)));
        expect(err).toBeLessThanOrEqual(1e-5);
      }
    } finally {
      await ort.close();
    }
    expect(readFileSync(onnxPath).byteLength).toBeGreaterThan(23_715 * 4);
  });
});
