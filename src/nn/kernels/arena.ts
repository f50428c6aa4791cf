// One float32 memory for a network's parameters, gradients, optimiser state and activations: a WebAssembly
// memory (shared when worker threads use it) so that the WASM kernels and the TS code address the same floats.
import { wasm, type WasmMemory } from '../../util/wasm-api.js';

/** Bytes per WebAssembly page. */
const PAGE_BYTES = 65536;
/** Upper bound on a shared memory's size (pages): 1 GiB, reserved lazily by the engine. */
export const MAX_PAGES = 16384;

/** A growable float32 arena addressed by float index (byte offset / 4). */
export class Arena {
  readonly memory: WasmMemory;
  private top = 0;
  private view: Float32Array;

  constructor(readonly shared: boolean, initialFloats = 1 << 16) {
    const pages = Math.max(1, Math.ceil((initialFloats * 4) / PAGE_BYTES));
    this.memory = new wasm.Memory(shared ? { initial: pages, maximum: MAX_PAGES, shared: true } : { initial: pages, maximum: MAX_PAGES });
    this.view = new Float32Array(this.memory.buffer);
  }

  /** The whole arena as floats (refreshed after growth). */
  get f32(): Float32Array {
    if (this.view.buffer !== this.memory.buffer || this.view.length * 4 !== this.memory.buffer.byteLength) this.view = new Float32Array(this.memory.buffer);
    return this.view;
  }

  /** Current allocation mark (to release everything allocated after it with reset). */
  get mark(): number {
    return this.top;
  }

  /** Frees everything allocated after `mark`. */
  reset(mark: number): void {
    this.top = mark;
  }

  /** Allocates `floats` zeroed floats, 64-byte aligned; returns the float index. */
  alloc(floats: number): number {
    const start = (this.top + 15) & ~15;
    const end = start + floats;
    const needBytes = end * 4;
    const have = this.memory.buffer.byteLength;
    if (needBytes > have) {
      const pages = Math.ceil((needBytes - have) / PAGE_BYTES);
      if (have / PAGE_BYTES + pages > MAX_PAGES) throw new RangeError(`nn arena: ${needBytes} bytes exceed the ${MAX_PAGES * PAGE_BYTES}-byte limit`);
      this.memory.grow(pages);
    }
    this.f32.fill(0, start, end);
    this.top = end;
    return start;
  }
}
