// Reusable buffers of the hist grower (one per training run or helper thread): the row lists, and the gradient
// histograms in a WebAssembly memory, where the generated split scan (hist-scan-wasm.ts) reads them in place.
import { wasm, type WasmMemory, type WasmModule } from '../../nn/kernels/wasm-api.js';
import type { HistIndex } from './hist-index.js';
import { bestHistSplit, type HistSplit } from './hist-split.js';
import { histScanModuleBytes, SCAN_MAX_BINS, SCAN_MAX_FEATURES, SCAN_OUT } from './hist-scan-wasm.js';
import type { SplitParams } from './split-gain.js';

const PAGE_BYTES = 65536;
/** The memory may grow to 4 GiB; a non-shared memory holds only the pages it has grown to. */
const MAX_PAGES = 65536;
/** `clearBar`'s factor (hist-split.ts): the bar sits a relative 1e−9 under the best loss plus the root gain. */
const BAR_FACTOR = 1 - 1e-9;

type ScanFn = (hist: number, feats: number, nf: number, cutPtr: number, slotOff: number, G: number, H: number, rootGain: number, mcw: number, lambda: number, alpha: number, barFactor: number, out: number) => number;

let compiled: WasmModule | null = null;

/** Histogram buffers are float64 offsets into `mem`: take, read through `mem` (re-read after a take), give back. */
export class HistWorkspace {
  readonly rowBuf: Uint32Array;
  readonly scratch: Uint32Array;
  readonly gh: Float64Array;
  private readonly memory: WasmMemory;
  private readonly scan: ScanFn;
  private view: Float64Array;
  private readonly histDoubles: number;
  private readonly pool: number[] = [];
  private top: number;
  private readonly featsAt: number;
  private readonly cutPtrAt: number;
  private readonly slotAt: number;
  private readonly outAt = 0;
  /** Beyond the scan's order key (≥ 16,384 features or ≥ 65,536 bins) the TypeScript scan runs instead. */
  private readonly wasmScan: boolean;
  private features: Int32Array = new Int32Array(0);

  constructor(readonly index: HistIndex) {
    const { rows, cols } = index;
    this.rowBuf = new Uint32Array(rows);
    this.scratch = new Uint32Array(rows);
    this.gh = new Float64Array(2 * rows);
    this.histDoubles = 2 * index.totalSlots;
    let maxBins = 0;
    for (let f = 0; f < cols; f++) maxBins = Math.max(maxBins, index.cutPtr[f + 1]! - index.cutPtr[f]!);
    this.wasmScan = cols < SCAN_MAX_FEATURES && maxBins < SCAN_MAX_BINS;
    const align = (bytes: number): number => (bytes + 63) & ~63;
    this.cutPtrAt = align(SCAN_OUT.bytes);
    this.slotAt = align(this.cutPtrAt + 4 * (cols + 1));
    this.featsAt = align(this.slotAt + 4 * (cols + 1));
    this.top = align(this.featsAt + 4 * cols);
    const pages = Math.ceil((this.top + 8 * 8 * this.histDoubles) / PAGE_BYTES);
    this.memory = new wasm.Memory({ initial: pages, maximum: MAX_PAGES });
    compiled ??= new wasm.Module(histScanModuleBytes(MAX_PAGES));
    this.scan = new wasm.Instance(compiled, { env: { memory: this.memory } }).exports.scan as ScanFn;
    this.view = new Float64Array(this.memory.buffer);
    const i32 = new Int32Array(this.memory.buffer);
    i32.set(index.cutPtr, this.cutPtrAt >> 2);
    i32.set(index.slotOffset, this.slotAt >> 2);
  }

  /** The whole memory as float64; a `take` may grow it, after which earlier views are stale. */
  get mem(): Float64Array {
    if (this.view.buffer !== this.memory.buffer) this.view = new Float64Array(this.memory.buffer);
    return this.view;
  }

  /** A histogram buffer's float64 offset (gradient, hessian interleaved per slot), zeroed on the [start, end) ranges. */
  take(ranges: Int32Array): number {
    let at = this.pool.pop();
    if (at === undefined) {
      const bytes = 8 * this.histDoubles;
      const need = this.top + bytes - this.memory.buffer.byteLength;
      if (need > 0) this.memory.grow(Math.max(Math.ceil(need / PAGE_BYTES), this.memory.buffer.byteLength / PAGE_BYTES / 2) | 0);
      at = this.top >> 3;
      this.top += bytes;
      return at; // fresh pages are zero
    }
    const mem = this.mem;
    for (let i = 0; i < ranges.length; i += 2) mem.fill(0, at + ranges[i]!, at + ranges[i + 1]!);
    return at;
  }

  /** Returns a histogram buffer to the pool. */
  give(at: number): void {
    this.pool.push(at);
  }

  /** Sets the features the next scans consider (ascending, as the tree's column sample). */
  setFeatures(features: Int32Array): void {
    this.features = features;
    new Int32Array(this.memory.buffer).set(features, this.featsAt >> 2);
  }

  /** `bestHistSplit` on the histogram at `at` over the features last set: the same split, scanned in WebAssembly. */
  bestSplit(at: number, nFeatures: number, G: number, H: number, rootGain: number, p: SplitParams): HistSplit | null {
    if (!this.wasmScan) return bestHistSplit(this.index, this.mem.subarray(at, at + this.histDoubles), this.features.subarray(0, nFeatures), G, H, rootGain, p);
    const found = this.scan(8 * at, this.featsAt, nFeatures, this.cutPtrAt, this.slotAt, G, H, rootGain, p.minChildWeight, p.lambda, p.alpha, BAR_FACTOR, this.outAt);
    if (found === 0) return null;
    const mem = this.mem;
    const i32 = new Int32Array(this.memory.buffer, this.outAt, SCAN_OUT.bytes >> 2);
    const feature = i32[SCAN_OUT.feature >> 2]!;
    const leftMaxBin = i32[SCAN_OUT.leftMaxBin >> 2]!;
    const o = this.outAt >> 3;
    return {
      feature,
      threshold: this.index.cuts[this.index.cutPtr[feature]! + leftMaxBin]!,
      defaultLeft: i32[SCAN_OUT.defaultLeft >> 2] === 1,
      loss: mem[o + (SCAN_OUT.loss >> 3)]!,
      leftG: mem[o + (SCAN_OUT.leftG >> 3)]!,
      leftH: mem[o + (SCAN_OUT.leftH >> 3)]!,
      leftMaxBin,
    };
  }
}
