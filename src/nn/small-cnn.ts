// SmallCNN (specs/burst-study.md, "Model and training"): the public model object over the kernels, the layout
// and the network passes — train/eval modes, weighted cross-entropy, Adam, state dicts.
import type { Gradients, InputBatch, NnTensor, SmallCnn, SmallCnnArch, SmallCnnOptions, StateDict } from './api.js';
import { adamSettings, adamStep, type AdamSettings } from './adam.js';
import { initialState } from './init.js';
import type { Kernels } from './kernels/kernels.js';
import { createKernels } from './kernels/select.js';
import { netLayout, readSlot, torchOrder, writeSlot, type NetLayout } from './layout.js';
import { Network, type NetBlocks } from './network.js';
import { weightedCrossEntropy } from './ops/cross-entropy.js';
import { softmaxRows } from './ops/softmax.js';
import type { Rng } from '../util/random.js';

/** The study's architecture: 3 classes, 64 mel bins, dropout 0.3. */
export const DEFAULT_ARCH: SmallCnnArch = { classes: 3, melBins: 64, dropout: 0.3 };

/** Rows per internal batch of predictProba (bounds the activation memory). */
const PREDICT_CHUNK = 64;

/** State-dict names in PyTorch's order (parameters and batch-norm buffers). */
export function stateDictNames(arch: SmallCnnArch = DEFAULT_ARCH): readonly string[] {
  return torchOrder(netLayout(arch)).map((slot) => slot.name);
}

/** Number of trainable parameters (23,715 for 3 classes). */
export function parameterCount(arch: SmallCnnArch = DEFAULT_ARCH): number {
  return netLayout(arch).paramFloats;
}

function resolveArch(options: SmallCnnOptions): SmallCnnArch {
  const arch = { classes: options.classes ?? DEFAULT_ARCH.classes, melBins: options.melBins ?? DEFAULT_ARCH.melBins, dropout: options.dropout ?? DEFAULT_ARCH.dropout };
  if (!Number.isInteger(arch.classes) || arch.classes < 2) throw new RangeError(`SmallCNN: classes must be an integer ≥ 2, got ${arch.classes}`);
  if (!Number.isInteger(arch.melBins) || arch.melBins < 4) throw new RangeError(`SmallCNN: melBins must be an integer ≥ 4, got ${arch.melBins}`);
  if (!(arch.dropout >= 0 && arch.dropout < 1)) throw new RangeError(`SmallCNN: dropout must be in [0, 1), got ${arch.dropout}`);
  return arch;
}

class SmallCnnImpl implements SmallCnn {
  mode: 'train' | 'eval' = 'train';
  private readonly layout: NetLayout;
  private readonly at: NetBlocks & { m: number; v: number };
  private readonly net: Network;
  private readonly adam: AdamSettings;
  private steps = 0;
  private lastLogits: Float32Array | undefined;

  constructor(readonly arch: SmallCnnArch, private readonly k: Kernels, options: SmallCnnOptions) {
    this.layout = netLayout(arch);
    this.adam = adamSettings(options.adam);
    const a = k.arena;
    const P = this.layout.paramFloats;
    this.at = { params: a.alloc(P), grads: a.alloc(P), m: a.alloc(P), v: a.alloc(P), buffers: a.alloc(this.layout.bufferFloats), wScratch: a.alloc(64 * 9 * 32) };
    this.net = new Network(k, arch, this.layout, this.at, a.mark);
    this.loadStateDict(options.state ?? initialState(this.layout, options.seed ?? 0));
  }

  get backend() {
    return this.k.name;
  }

  get threads() {
    return this.k.threads;
  }

  train(): void {
    this.mode = 'train';
  }

  eval(): void {
    this.mode = 'eval';
  }

  forward(batch: InputBatch, rng?: Rng): Float32Array {
    this.lastLogits = this.net.forward(batch.data, batch.n, batch.frames, this.mode === 'train', rng);
    return this.lastLogits;
  }

  backward(labels: ArrayLike<number>, classWeights: ArrayLike<number>): number {
    if (this.lastLogits === undefined || this.mode !== 'train') throw new RangeError('SmallCNN: backward needs a forward in training mode first');
    const { loss, grad } = weightedCrossEntropy(this.lastLogits, labels, classWeights, this.arch.classes);
    this.net.backward(grad);
    return loss;
  }

  gradients(): Gradients {
    const out = new Map<string, Float32Array>();
    for (const slot of this.layout.params) out.set(slot.name, readSlot(this.k.arena.f32, this.at.grads, slot).data);
    return out;
  }

  step(): void {
    this.steps += 1;
    adamStep(this.k.arena.f32, this.adam, this.steps, this.layout.paramFloats, this.at.params, this.at.grads, this.at.m, this.at.v);
  }

  trainStep(batch: InputBatch, labels: ArrayLike<number>, classWeights: ArrayLike<number>, rng: Rng): number {
    if (labels.length !== batch.n) throw new RangeError(`SmallCNN: ${labels.length} labels for a batch of ${batch.n}`);
    this.train();
    this.forward(batch, rng);
    const loss = this.backward(labels, classWeights);
    this.step();
    return loss;
  }

  predictProba(batch: InputBatch): Float32Array {
    const previous = this.mode;
    this.eval();
    const per = this.arch.melBins * batch.frames;
    if (batch.data.length !== batch.n * per) throw new RangeError(`SmallCNN: ${batch.data.length} input values are not ${batch.n} × 1 × ${this.arch.melBins} × ${batch.frames}`);
    const out = new Float32Array(batch.n * this.arch.classes);
    try {
      for (let s = 0; s < batch.n; s += PREDICT_CHUNK) {
        const n = Math.min(PREDICT_CHUNK, batch.n - s);
        const logits = this.net.forward(batch.data.subarray(s * per, (s + n) * per), n, batch.frames, false, undefined);
        out.set(softmaxRows(logits, this.arch.classes), s * this.arch.classes);
      }
    } finally {
      this.mode = previous;
    }
    return out;
  }

  stateDict(): StateDict {
    const out = new Map<string, NnTensor>();
    const f = this.k.arena.f32;
    for (const slot of torchOrder(this.layout)) {
      const isBuffer = slot.name.endsWith('running_mean') || slot.name.endsWith('running_var');
      out.set(slot.name, readSlot(f, isBuffer ? this.at.buffers : this.at.params, slot));
    }
    return out;
  }

  loadStateDict(state: StateDict): void {
    const f = this.k.arena.f32;
    for (const slot of this.layout.params) {
      const tensor = state.get(slot.name);
      if (tensor === undefined) throw new RangeError(`state dict: missing '${slot.name}'`);
      writeSlot(f, this.at.params, slot, tensor);
    }
    for (const slot of this.layout.buffers) {
      const tensor = state.get(slot.name);
      if (tensor === undefined) throw new RangeError(`state dict: missing '${slot.name}'`);
      writeSlot(f, this.at.buffers, slot, tensor);
    }
  }

  close(): Promise<void> {
    return this.k.close();
  }
}

/** Creates a SmallCNN: seeded PyTorch default initialisation (or `options.state`), workers started when threads > 1. */
export async function createSmallCnn(options: SmallCnnOptions = {}): Promise<SmallCnn> {
  const arch = resolveArch(options);
  const kernels = await createKernels(options.backend ?? 'auto', options.threads ?? 1);
  return new SmallCnnImpl(arch, kernels, options);
}
