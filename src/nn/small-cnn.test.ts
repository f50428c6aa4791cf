// SmallCNN behaviour: PyTorch-style seeded initialisation and names, determinism across runs and thread counts,
// modes, batching in predictProba, input checks.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSmallCnn, parameterCount, stateDictNames, type SmallCnn, type StateDict } from './index.js';
import { loadReferenceTensors } from './reference-parity.js';
import { Rng } from '../util/random.js';

const FIXTURE = fileURLToPath(new URL('../../test/fixtures/reference/burst/cnn', import.meta.url));

function batch(n: number, frames: number, seed: number): { data: Float32Array; n: number; frames: number } {
  const rng = new Rng(seed);
  return { data: Float32Array.from({ length: n * 64 * frames }, () => rng.normal()), n, frames };
}

function bytes(state: StateDict): Buffer {
  return Buffer.concat([...state.values()].map((t) => Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength)));
}

async function train(model: SmallCnn, steps: number): Promise<StateDict> {
  const rng = new Rng(11);
  for (let s = 0; s < steps; s++) model.trainStep(batch(12, 24, s), [0, 1, 2, 2, 1, 0, 0, 0, 1, 2, 0, 1], [1, 2, 3], rng);
  const state = model.stateDict();
  await model.close();
  return state;
}

describe('SmallCNN', () => {
  it('has PyTorch’s 23,715 parameters under PyTorch’s state-dict names and order', () => {
    expect(parameterCount()).toBe(23_715);
    const reference = [...loadReferenceTensors(FIXTURE).keys()].filter((k) => k.startsWith('init.')).map((k) => k.slice(5));
    expect(stateDictNames()).toEqual(reference);
  });

  it('initialises like PyTorch’s defaults, seeded', async () => {
    const a = (await createSmallCnn({ seed: 5 })).stateDict();
    const b = (await createSmallCnn({ seed: 5 })).stateDict();
    const c = (await createSmallCnn({ seed: 6 })).stateDict();
    expect(bytes(a).equals(bytes(b))).toBe(true);
    expect(bytes(a).equals(bytes(c))).toBe(false);
    const w = a.get('features.4.weight')?.data as Float32Array;
    const bound = 1 / Math.sqrt(16 * 9);
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...w.map(Math.abs))).toBeGreaterThan(0.95 * bound);
    expect(Array.from(a.get('features.5.weight')?.data ?? [])).toEqual(new Array(32).fill(1));
    expect(Array.from(a.get('features.9.running_var')?.data ?? [])).toEqual(new Array(64).fill(1));
  });

  it('trains to byte-identical weights on 1 and 2 threads and across runs (dropout on)', async () => {
    const one = await train(await createSmallCnn({ seed: 1, threads: 1 }), 3);
    const again = await train(await createSmallCnn({ seed: 1, threads: 1 }), 3);
    const two = await train(await createSmallCnn({ seed: 1, threads: 2 }), 3);
    expect(bytes(one).equals(bytes(again))).toBe(true);
    expect(bytes(one).equals(bytes(two))).toBe(true);
  });

  it('trains to byte-identical weights on 1 and 2 threads with the TS kernels too', async () => {
    const one = await train(await createSmallCnn({ seed: 1, threads: 1, backend: 'js' }), 1);
    const two = await train(await createSmallCnn({ seed: 1, threads: 2, backend: 'js' }), 1);
    expect(bytes(one).equals(bytes(two))).toBe(true);
  });

  it('gives the same training with the TS kernels (to float rounding)', async () => {
    const wasm = await train(await createSmallCnn({ seed: 2, backend: 'wasm' }), 2);
    const js = await train(await createSmallCnn({ seed: 2, backend: 'js' }), 2);
    for (const [name, t] of wasm) {
      if (/^features\.(0|4|8)\.bias$|running_mean$/.test(name)) continue; // zero-gradient biases: see docs/nn.md
      const other = js.get(name)?.data as Float32Array;
      t.data.forEach((v, i) => expect(Math.abs(v - (other[i] as number))).toBeLessThan(1e-4));
    }
  });

  it('predicts in eval mode, batching internally, without touching the running statistics', async () => {
    const model = await createSmallCnn({ seed: 3 });
    const x = batch(70, 20, 9);
    const before = bytes(model.stateDict());
    const probs = model.predictProba(x);
    expect(bytes(model.stateDict()).equals(before)).toBe(true);
    expect(model.mode).toBe('train');
    for (let r = 0; r < 70; r++) expect((probs[3 * r] as number) + (probs[3 * r + 1] as number) + (probs[3 * r + 2] as number)).toBeCloseTo(1, 6);
    const tail = model.predictProba({ data: x.data.subarray(65 * 64 * 20), n: 5, frames: 20 });
    expect(Array.from(probs.subarray(65 * 3))).toEqual(Array.from(tail));
    model.forward(x, new Rng(1));
    expect(bytes(model.stateDict()).equals(before)).toBe(false);
  });

  it('rejects bad inputs with a clear error', async () => {
    const model = await createSmallCnn({ seed: 4 });
    const rng = new Rng(0);
    expect(() => model.trainStep(batch(2, 8, 0), [0, 3], [1, 1, 1], rng)).toThrow(/label 3 at row 1/);
    expect(() => model.trainStep(batch(2, 8, 0), [0], [1, 1, 1], rng)).toThrow(/1 labels for a batch of 2/);
    expect(() => model.predictProba({ data: new Float32Array(10), n: 1, frames: 8 })).toThrow(/10 input values/);
    expect(() => model.predictProba(batch(1, 3, 0))).toThrow(/at least 4 mel bins and 4 frames/);
    expect(() => model.trainStep(batch(2, 8, 0), [0, 1], [0, 0, 1], rng)).toThrow(/zero total class weight/);
    await expect(createSmallCnn({ threads: 0 })).rejects.toThrow(/threads must be an integer ≥ 1/);
  });
});
