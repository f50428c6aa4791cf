// The SmallCNN's forward and backward passes over a kernel backend, on channels-last activations in one arena.
// Block b: im2row → GEMM (+ bias) → BatchNorm → ReLU → max-pool 2 (blocks 0, 1) or mean over pixels (block 2);
// then dropout → linear head.
import type { SmallCnnArch } from './api.js';
import type { Kernels } from './kernels/kernels.js';
import type { NetLayout } from './layout.js';
import { batchNormBackward, batchNormEvalParams, batchNormTrain } from './ops/batch-norm.js';
import { reluAvgPoolBackward, reluAvgPoolForward } from './ops/pool.js';
import type { Rng } from '../util/random.js';

/** Float offsets of one conv block's activations for the current batch shape. */
interface BlockBuffers {
  h: number;
  w: number;
  rows: number;
  /** Input [n, h, w, cin]; its gradient overwrites it in backward. */
  x: number;
  /** im2row rows [rows, 9·cin]; their gradient overwrites them in backward. */
  r: number;
  /** Conv output (without its bias, which the batch norm folds in), then the batch-norm output [rows, cout]. */
  z: number;
  /** x̂ [rows, cout] (training). */
  xhat: number;
  /** Gradient with respect to z [rows, cout]. */
  dz: number;
  /** Max-pool argmax per pooled element (int32 storage). */
  arg: number;
  invStd: Float32Array;
}

/** Arena offsets of the persistent blocks. */
export interface NetBlocks {
  readonly params: number;
  readonly grads: number;
  readonly buffers: number;
  /** Scratch for W [cout, 9·cin] of the input-gradient product (largest block). */
  readonly wScratch: number;
}

/** Activations for one (n, frames) shape, laid out after the persistent blocks. */
export class Network {
  private shapeKey = '';
  private blocks: BlockBuffers[] = [];
  private feat = 0;
  private featDropped = new Float32Array(0);
  private mask = new Float32Array(0);
  private n = 0;
  private trained = false;

  constructor(
    private readonly k: Kernels,
    private readonly arch: SmallCnnArch,
    private readonly layout: NetLayout,
    private readonly at: NetBlocks,
    private readonly workspaceMark: number,
  ) {}

  private prepare(n: number, frames: number): void {
    const key = `${n}x${frames}`;
    if (key === this.shapeKey) return;
    const a = this.k.arena;
    a.reset(this.workspaceMark);
    this.blocks = [];
    let h = this.arch.melBins;
    let w = frames;
    let x = a.alloc(n * h * w);
    for (const block of this.layout.blocks) {
      const rows = n * h * w;
      const buffers: BlockBuffers = {
        h, w, rows, x,
        r: a.alloc(rows * 9 * block.cin),
        z: a.alloc(rows * block.cout),
        xhat: a.alloc(rows * block.cout),
        dz: a.alloc(rows * block.cout),
        arg: a.alloc(n * (h >> 1) * (w >> 1) * block.cout),
        invStd: new Float32Array(block.cout),
      };
      this.blocks.push(buffers);
      if (this.blocks.length < 3) {
        h >>= 1;
        w >>= 1;
        x = a.alloc(n * h * w * block.cout);
      }
    }
    this.feat = a.alloc(n * 64);
    this.featDropped = new Float32Array(n * 64);
    this.mask = new Float32Array(n * 64);
    this.n = n;
    this.shapeKey = key;
  }

  /** Logits [n, classes]; `train` uses batch statistics (updating the running ones) and dropout from `rng`. */
  forward(input: Float32Array, n: number, frames: number, train: boolean, rng: Rng | undefined): Float32Array {
    if (frames < 4 || this.arch.melBins < 4) throw new RangeError(`SmallCNN: inputs need at least 4 mel bins and 4 frames, got ${this.arch.melBins} × ${frames}`);
    if (input.length !== n * this.arch.melBins * frames) throw new RangeError(`SmallCNN: ${input.length} input values are not ${n} × 1 × ${this.arch.melBins} × ${frames}`);
    this.prepare(n, frames);
    const f0 = this.k.arena.f32;
    f0.set(input, (this.blocks[0] as BlockBuffers).x);
    const { params, buffers } = this.at;
    for (let b = 0; b < 3; b++) {
      const L = this.layout.blocks[b] as NetLayout['blocks'][number];
      const B = this.blocks[b] as BlockBuffers;
      const kk = 9 * L.cin;
      this.k.im2row(B.x, n, B.h, B.w, L.cin, B.r);
      this.k.gemm(B.rows, L.cout, kk, B.r, kk, 1, params + L.w, L.cout, B.z, L.cout, false);
      const slots = { bias: params + L.b, gamma: params + L.gamma, beta: params + L.beta, mean: buffers + L.mean, variance: buffers + L.var };
      if (train) {
        B.invStd = batchNormTrain(this.k, B.z, B.rows, L.cout, slots, B.xhat);
      } else {
        const { scale, shift } = batchNormEvalParams(this.k.arena.f32, L.cout, slots);
        this.k.affine(B.z, B.rows, L.cout, scale, shift, B.z);
      }
      if (b < 2) this.k.reluMaxPool(B.z, n, B.h, B.w, L.cout, (this.blocks[b + 1] as BlockBuffers).x, B.arg);
      else reluAvgPoolForward(this.k.arena.f32, B.z, n, B.h * B.w, L.cout, this.feat);
    }
    const f = this.k.arena.f32;
    const p = this.arch.dropout;
    for (let i = 0; i < n * 64; i++) {
      let scale = 1;
      if (train && p > 0) {
        if (rng === undefined) throw new RangeError('SmallCNN: training forward with dropout needs an rng');
        scale = rng.float() < p ? 0 : 1 / (1 - p);
      }
      this.mask[i] = scale;
      this.featDropped[i] = (f[this.feat + i] as number) * scale;
    }
    const classes = this.arch.classes;
    const logits = new Float32Array(n * classes);
    const hw = params + this.layout.head.w;
    const hb = params + this.layout.head.b;
    for (let s = 0; s < n; s++) {
      for (let c = 0; c < classes; c++) {
        let acc = f[hb + c] as number;
        for (let j = 0; j < 64; j++) acc += (this.featDropped[s * 64 + j] as number) * (f[hw + c * 64 + j] as number);
        logits[s * classes + c] = acc;
      }
    }
    this.trained = train;
    return logits;
  }

  /** Backward from dLoss/dLogits of the last (training) forward; writes every parameter's gradient. */
  backward(dLogits: Float32Array): void {
    if (!this.trained) throw new RangeError('SmallCNN: backward needs a forward in training mode first');
    const n = this.n;
    const classes = this.arch.classes;
    const { params, grads } = this.at;
    let f = this.k.arena.f32;
    const gw = grads + this.layout.head.w;
    const gb = grads + this.layout.head.b;
    const hw = params + this.layout.head.w;
    for (let c = 0; c < classes; c++) {
      let sb = 0;
      for (let s = 0; s < n; s++) sb += dLogits[s * classes + c] as number;
      f[gb + c] = sb;
      for (let j = 0; j < 64; j++) {
        let sw = 0;
        for (let s = 0; s < n; s++) sw += (dLogits[s * classes + c] as number) * (this.featDropped[s * 64 + j] as number);
        f[gw + c * 64 + j] = sw;
      }
    }
    const dFeat = this.feat; // the pooled features are no longer needed: their gradient overwrites them
    for (let s = 0; s < n; s++) {
      for (let j = 0; j < 64; j++) {
        let acc = 0;
        for (let c = 0; c < classes; c++) acc += (dLogits[s * classes + c] as number) * (f[hw + c * 64 + j] as number);
        f[dFeat + s * 64 + j] = acc * (this.mask[s * 64 + j] as number);
      }
    }
    for (let b = 2; b >= 0; b--) {
      const L = this.layout.blocks[b] as NetLayout['blocks'][number];
      const B = this.blocks[b] as BlockBuffers;
      const kk = 9 * L.cin;
      f = this.k.arena.f32;
      if (b === 2) reluAvgPoolBackward(f, B.z, dFeat, n, B.h * B.w, L.cout, B.dz);
      else this.k.reluMaxPoolBack(B.z, (this.blocks[b + 1] as BlockBuffers).x, n, B.h, B.w, L.cout, B.dz, B.arg);
      batchNormBackward(this.k, B.dz, B.xhat, B.rows, L.cout, params + L.gamma, B.invStd, grads + L.gamma, grads + L.beta);
      this.k.arena.f32.set(Float32Array.from(this.k.colSum(B.dz, B.rows, L.cout)), grads + L.b);
      f = this.k.arena.f32;
      this.k.gemm(kk, L.cout, B.rows, B.r, 1, kk, B.dz, L.cout, grads + L.w, L.cout, false);
      if (b === 0) break;
      const ws = this.at.wScratch;
      for (let t = 0; t < kk; t++) for (let co = 0; co < L.cout; co++) f[ws + co * kk + t] = f[params + L.w + t * L.cout + co] as number;
      this.k.gemm(B.rows, kk, L.cout, B.dz, L.cout, 1, ws, kk, B.r, kk, false);
      this.k.row2im(B.r, n, B.h, B.w, L.cin, B.x);
    }
  }
}
