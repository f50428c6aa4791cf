// Public types of the neural-network library (src/nn): the SmallCNN of the burst study (specs/burst-study.md),
// trained and evaluated on Float32Array tensors. Implementations live in the sibling files; see docs/nn.md.
import type { Rng } from '../util/random.js';

/** Which kernels run the matrix products: WebAssembly SIMD (built from src/nn/kernels at load time) or plain TS. */
export type NnBackend = 'wasm' | 'js';

/** A float32 tensor with its row-major shape (PyTorch layout for weights: conv out × in × kh × kw). */
export interface NnTensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** Named tensors with PyTorch's state-dict names (`features.0.weight`, …, `features.1.running_var`, `head.2.bias`). */
export type StateDict = ReadonlyMap<string, NnTensor>;

/** A batch of log-mel inputs: N × 1 × melBins × frames, row-major (frames fastest), like PyTorch's NCHW. */
export interface InputBatch {
  readonly data: Float32Array;
  /** Number of segments N. */
  readonly n: number;
  /** Frames T (any T ≥ 4: two max-pools of 2 must leave at least one frame). */
  readonly frames: number;
}

/** Adam hyper-parameters (PyTorch's defaults; no weight decay). */
export interface AdamOptions {
  /** Learning rate (default 1e-3). */
  readonly lr?: number;
  /** β1, β2 (default 0.9, 0.999). */
  readonly betas?: readonly [number, number];
  /** ε added to √v̂ (default 1e-8). */
  readonly eps?: number;
}

/** Architecture of the SmallCNN; stored in model files and needed to rebuild the network. */
export interface SmallCnnArch {
  /** Number of classes (3: b, mb, h). */
  readonly classes: number;
  /** Mel bins = input height (64). */
  readonly melBins: number;
  /** Dropout probability before the linear head in training mode (0.3). */
  readonly dropout: number;
}

/** Options of createSmallCnn. */
export interface SmallCnnOptions extends Partial<SmallCnnArch> {
  /** Seed of PyTorch-style default initialisation (Rng from src/util/random.ts); default 0. */
  readonly seed?: number;
  /** Initial weights instead of a seeded initialisation (all parameters and batch-norm buffers). */
  readonly state?: StateDict;
  /** Optimiser settings for trainStep. */
  readonly adam?: AdamOptions;
  /** Threads for training and inference: 1 (default, single process) or more (worker_threads). Results are
   * byte-identical for every thread count (work is split by output rows only; see docs/nn.md). */
  readonly threads?: number;
  /** 'auto' (default): WASM SIMD when the runtime supports it, else TS; or force one. */
  readonly backend?: 'auto' | NnBackend;
}

/** Gradients of the last backward pass, keyed by parameter name (no batch-norm buffers). */
export type Gradients = ReadonlyMap<string, Float32Array>;

/** The SmallCNN: [conv 1→16, BN, ReLU, max-pool 2] → [16→32, same] → [conv 32→64, BN, ReLU, adaptive avg pool]
 * → flatten → dropout → linear 64→classes, with Adam and weighted cross-entropy. Not thread-safe: one call at a
 * time. Call close() when done when threads > 1. */
export interface SmallCnn {
  readonly arch: SmallCnnArch;
  readonly backend: NnBackend;
  readonly threads: number;
  /** 'train' (batch statistics, dropout on) or 'eval' (running statistics, no dropout). */
  readonly mode: 'train' | 'eval';
  /** Switches to training mode. */
  train(): void;
  /** Switches to evaluation mode. */
  eval(): void;
  /** Logits N × classes in the current mode (train mode updates the batch-norm running statistics, as PyTorch does;
   * dropout draws from `rng`, required in train mode when dropout > 0). */
  forward(batch: InputBatch, rng?: Rng): Float32Array;
  /** Weighted cross-entropy of the last forward's logits (PyTorch's weighted mean) and its backward pass through
   * the whole network; returns the loss. Gradients are then readable through gradients(). */
  backward(labels: ArrayLike<number>, classWeights: ArrayLike<number>): number;
  /** Gradients of the last backward. */
  gradients(): Gradients;
  /** One Adam update from the current gradients. */
  step(): void;
  /** forward (train mode) + backward + Adam step; returns the loss before the update. */
  trainStep(batch: InputBatch, labels: ArrayLike<number>, classWeights: ArrayLike<number>, rng: Rng): number;
  /** Softmax probabilities N × classes in eval mode (the mode is restored afterwards); batches internally. */
  predictProba(batch: InputBatch): Float32Array;
  /** Copies of all parameters and batch-norm buffers under PyTorch's names. */
  stateDict(): StateDict;
  /** Replaces parameters and buffers; throws RangeError naming a missing or misshapen tensor. */
  loadStateDict(state: StateDict): void;
  /** Stops the worker threads (no-op with one thread). */
  close(): Promise<void>;
}

/** Metadata stored with a model: free JSON (epoch, params, git sha, dataset hash, fold, accuracies…). */
export type ModelMetadata = Readonly<Record<string, unknown>>;

/** A model file's content: architecture, weights and metadata. */
export interface ModelFile {
  readonly arch: SmallCnnArch;
  readonly state: StateDict;
  readonly metadata: ModelMetadata;
}

/** Runs an exported ONNX SmallCNN on onnxruntime-node. */
export interface OnnxClassifier {
  /** Softmax probabilities N × classes. */
  predictProba(batch: InputBatch): Promise<Float32Array>;
  close(): Promise<void>;
}
