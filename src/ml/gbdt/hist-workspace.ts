// Reusable buffers of the hist grower (one per training run or helper thread): the row lists in TypeScript, and in
// a WebAssembly memory the binned features, each node's gradient pairs and the gradient histograms, which the
// generated kernels (hist-scan-wasm.ts, hist-build-wasm.ts) build, subtract and scan in place.
import { wasm, type WasmMemory, type WasmModule } from '../../util/wasm-api.js';
import type { HistIndex } from './hist-index.js';
import { bestHistSplit, type HistSplit } from './hist-split.js';
import { histModuleBytes, SCAN_MAX_BINS, SCAN_MAX_FEATURES, SCAN_OUT } from './hist-scan-wasm.js';
import type { SplitParams } from './split-gain.js';

const PAGE_BYTES = 65536;
/** The memory may grow to 4 GiB; a non-shared memory holds only the pages it has grown to. */
const MAX_PAGES = 65536;
/** `clearBar`'s factor (hist-split.ts): the bar sits a relative 1e−9 under the best loss plus the root gain. */
const BAR_FACTOR = 1 - 1e-9;

type ScanFn = (hist: number, feats: number, nf: number, cutPtr: number, slotOff: number, G: number, H: number, rootGain: number, mcw: number, lambda: number, alpha: number, barFactor: number, out: number) => number;
type BuildFn = (hist: number, gh: number, rows: number, m: number, bins: number, nRows: number, feats: number, nf: number, slotOff: number) => void;
type SubtractFn = (parent: number, small: number, ranges: number, n: number) => void;

let compiled: WasmModule | null = null;

/** Histogram buffers are float64 offsets into `mem`: take, read through `mem` (re-read after a take), give back. */
export class HistWorkspace {
  readonly rowBuf: Uint32Array;
  readonly scratch: Uint32Array;
  private readonly memory: WasmMemory;
  private readonly scan: ScanFn;
  private readonly build: BuildFn;
  private readonly subtractFn: SubtractFn;
  private f64: Float64Array;
  private u32: Uint32Array;
  private i32: Int32Array;
  private readonly histDoubles: number;
  private readonly pool: number[] = [];
  private top: number;
  /** Where the histogram pool starts. */
  private readonly histAt: number;
  private readonly outAt = 0;
  private readonly cutPtrAt: number;
  private readonly slotAt: number;
  private readonly featsAt: number;
  private readonly rangesAt: number;
  private readonly binsAt: number;
  private readonly nodeRowsAt: number;
  private readonly ghAt: number;
  /** Beyond the scan's order key (≥ 16,384 features or ≥ 65,536 bins) the TypeScript scan runs instead. */
  private readonly wasmScan: boolean;
  private features: Int32Array = new Int32Array(0);
  /** Float64 [start, end) pairs of the features' slots within a histogram: what is zeroed and subtracted. */
  private ranges: Int32Array = new Int32Array(0);
  private width = 0;

  constructor(readonly index: HistIndex) {
    const { rows, cols } = index;
    this.rowBuf = new Uint32Array(rows);
    this.scratch = new Uint32Array(rows);
    this.histDoubles = 2 * index.totalSlots;
    let maxBins = 0;
    for (let f = 0; f < cols; f++) maxBins = Math.max(maxBins, index.cutPtr[f + 1]! - index.cutPtr[f]!);
    this.wasmScan = cols < SCAN_MAX_FEATURES && maxBins < SCAN_MAX_BINS;
    const align = (bytes: number): number => (bytes + 63) & ~63;
    this.cutPtrAt = align(SCAN_OUT.bytes);
    this.slotAt = align(this.cutPtrAt + 4 * (cols + 1));
    this.featsAt = align(this.slotAt + 4 * (cols + 1));
    this.rangesAt = align(this.featsAt + 4 * cols);
    this.binsAt = align(this.rangesAt + 8 * cols);
    this.nodeRowsAt = align(this.binsAt + 2 * rows * cols);
    this.ghAt = align(this.nodeRowsAt + 4 * rows);
    this.top = align(this.ghAt + 16 * rows);
    this.histAt = this.top;
    if (this.top > MAX_PAGES * PAGE_BYTES) throw new RangeError(`hist trainer: ${rows} rows × ${cols} features of bins do not fit in 4 GiB`);
    // room for the fixed part and eight histograms, at most 1 GiB to start with
    const pages = Math.max(Math.ceil(this.top / PAGE_BYTES), Math.min(MAX_PAGES >> 2, Math.ceil((this.top + 8 * 8 * this.histDoubles) / PAGE_BYTES)));
    this.memory = new wasm.Memory({ initial: pages, maximum: MAX_PAGES });
    compiled ??= new wasm.Module(histModuleBytes(MAX_PAGES));
    const exports = new wasm.Instance(compiled, { env: { memory: this.memory } }).exports;
    this.scan = exports.scan as ScanFn;
    this.build = exports.build as BuildFn;
    this.subtractFn = exports.subtract as SubtractFn;
    this.f64 = new Float64Array(this.memory.buffer);
    this.u32 = new Uint32Array(this.memory.buffer);
    this.i32 = new Int32Array(this.memory.buffer);
    this.i32.set(index.cutPtr, this.cutPtrAt >> 2);
    this.i32.set(index.slotOffset, this.slotAt >> 2);
    new Uint16Array(this.memory.buffer, this.binsAt, rows * cols).set(index.bin);
  }

  /** Float64s the features' ranges cover in one histogram. */
  get histWidth(): number {
    return this.width;
  }

  /** The whole memory as float64; a `take` may grow it, after which earlier views are stale. */
  get mem(): Float64Array {
    this.refreshViews();
    return this.f64;
  }

  private refreshViews(): void {
    if (this.f64.buffer === this.memory.buffer) return;
    this.f64 = new Float64Array(this.memory.buffer);
    this.u32 = new Uint32Array(this.memory.buffer);
    this.i32 = new Int32Array(this.memory.buffer);
  }

  /** A histogram buffer's float64 offset (gradient, hessian interleaved per slot), zero on the features' ranges. */
  take(): number {
    let at = this.pool.pop();
    if (at === undefined) {
      const bytes = 8 * this.histDoubles;
      const need = this.top + bytes - this.memory.buffer.byteLength;
      if (need > 0) this.grow(Math.ceil(need / PAGE_BYTES));
      at = this.top >> 3;
      this.top += bytes;
      return at; // fresh pages are zero
    }
    this.clear(at);
    return at;
  }

  /** Zeroes the histogram at `at` on the features' ranges. */
  clear(at: number): void {
    const mem = this.mem;
    const ranges = this.ranges;
    for (let i = 0; i < ranges.length; i += 2) mem.fill(0, at + ranges[i]!, at + ranges[i + 1]!);
  }

  /** Grows the memory by at least `pages` (by half its size when that is more); a clear error past 4 GiB. */
  private grow(pages: number): void {
    const have = this.memory.buffer.byteLength / PAGE_BYTES;
    const grant = Math.min(MAX_PAGES - have, Math.max(pages, have >> 1));
    try {
      if (grant < pages) throw new RangeError('past the maximum');
      this.memory.grow(grant);
    } catch {
      const open = Math.floor((this.top - this.histAt) / (8 * this.histDoubles));
      throw new RangeError(
        `hist trainer: one tree level needs more than 4 GiB of gradient histograms (${open} open nodes × ${this.index.cols} features × up to ${this.histDoubles / 2 / this.index.cols | 0} bins); lower max_depth or max_bin`,
      );
    }
  }

  /** Returns a histogram buffer to the pool. */
  give(at: number): void {
    this.pool.push(at);
  }

  /** Sets the features of the tree (ascending, its column sample): those the histograms hold and the scan considers. */
  setFeatures(features: Int32Array): void {
    const { slotOffset } = this.index;
    const ranges = new Int32Array(2 * features.length);
    let width = 0;
    features.forEach((f, k) => {
      ranges[2 * k] = 2 * slotOffset[f]!;
      ranges[2 * k + 1] = 2 * slotOffset[f + 1]!;
      width += ranges[2 * k + 1]! - ranges[2 * k]!;
    });
    this.features = features;
    this.ranges = ranges;
    this.width = width;
    this.refreshViews();
    this.i32.set(features, this.featsAt >> 2);
    this.i32.set(ranges, this.rangesAt >> 2);
  }

  /**
   * Adds the gradient pairs of rows[begin, end) into the histogram at `at` for the features set, each bin's rows
   * in row order (the same sums as a scalar loop).
   */
  buildHistogram(at: number, rows: Uint32Array, begin: number, end: number, grad: Float32Array, hess: Float32Array): void {
    const m = end - begin;
    const mem = this.mem;
    const u32 = this.u32;
    const gh = this.ghAt >> 3;
    const nr = this.nodeRowsAt >> 2;
    for (let i = 0; i < m; i++) {
      const r = rows[begin + i]!;
      u32[nr + i] = r;
      mem[gh + 2 * i] = grad[r]!;
      mem[gh + 2 * i + 1] = hess[r]!;
    }
    this.build(8 * at, this.ghAt, this.nodeRowsAt, m, this.binsAt, this.index.rows, this.featsAt, this.features.length, this.slotAt);
  }

  /** parent −= small on the features' ranges. */
  subtract(parent: number, small: number): void {
    this.subtractFn(8 * parent, 8 * small, this.rangesAt, this.features.length);
  }

  /** `bestHistSplit` on the histogram at `at` over the features set: the same split, scanned in WebAssembly. */
  bestSplit(at: number, G: number, H: number, rootGain: number, p: SplitParams): HistSplit | null {
    if (!this.wasmScan) return bestHistSplit(this.index, this.mem.subarray(at, at + this.histDoubles), this.features, G, H, rootGain, p);
    const found = this.scan(8 * at, this.featsAt, this.features.length, this.cutPtrAt, this.slotAt, G, H, rootGain, p.minChildWeight, p.lambda, p.alpha, BAR_FACTOR, this.outAt);
    if (found === 0) return null;
    const mem = this.mem;
    const i32 = this.i32;
    const w = this.outAt >> 2;
    const feature = i32[w + (SCAN_OUT.feature >> 2)]!;
    const leftMaxBin = i32[w + (SCAN_OUT.leftMaxBin >> 2)]!;
    const o = this.outAt >> 3;
    return {
      feature,
      threshold: this.index.cuts[this.index.cutPtr[feature]! + leftMaxBin]!,
      defaultLeft: i32[w + (SCAN_OUT.defaultLeft >> 2)] === 1,
      loss: mem[o + (SCAN_OUT.loss >> 3)]!,
      leftG: mem[o + (SCAN_OUT.leftG >> 3)]!,
      leftH: mem[o + (SCAN_OUT.leftH >> 3)]!,
      leftMaxBin,
    };
  }
}
