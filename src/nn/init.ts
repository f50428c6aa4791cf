// PyTorch's default initialisation (torch.nn.Conv2d/Linear reset_parameters): weights Kaiming-uniform with
// a = √5, i.e. U(−1/√fan_in, 1/√fan_in), biases U(−1/√fan_in, 1/√fan_in); BatchNorm γ = 1, β = 0, running mean 0,
// running variance 1. Drawn from the project's seeded generator in module order (weight, then bias).
import type { NnTensor } from './api.js';
import type { NetLayout } from './layout.js';
import { Rng } from '../util/random.js';

/** A seeded initial state dict in PyTorch layout. */
export function initialState(layout: NetLayout, seed: number): Map<string, NnTensor> {
  const rng = new Rng(seed);
  const state = new Map<string, NnTensor>();
  let fanIn = 1;
  for (const slot of layout.params) {
    const data = new Float32Array(slot.size);
    const isBn = /^features\.(1|5|9)\./.test(slot.name);
    if (isBn) {
      if (slot.name.endsWith('.weight')) data.fill(1);
    } else {
      if (slot.name.endsWith('.weight')) fanIn = slot.shape.slice(1).reduce((a, b) => a * b, 1);
      const bound = 1 / Math.sqrt(fanIn);
      for (let i = 0; i < data.length; i++) data[i] = rng.uniform(-bound, bound);
    }
    state.set(slot.name, { shape: slot.shape, data });
  }
  for (const slot of layout.buffers) {
    const data = new Float32Array(slot.size);
    if (slot.name.endsWith('running_var')) data.fill(1);
    state.set(slot.name, { shape: slot.shape, data });
  }
  return state;
}
