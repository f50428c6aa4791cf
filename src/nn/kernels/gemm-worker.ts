// Worker thread of the threaded kernels: waits on its control words, runs its share of a GEMM (WASM or TS) on the
// shared arena, signals completion. Protocol in threaded.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { gemmJs } from './gemm-js.js';
import { CTRL, OP_GEMM, OP_QUIT } from './threaded-protocol.js';
import { gemmCall, instantiate } from './wasm-kernels.js';
import type { WasmMemory, WasmModule } from './wasm-api.js';

interface Init {
  readonly memory: WasmMemory;
  readonly module: WasmModule | null;
  readonly ctrl: Int32Array;
}

const { memory, module, ctrl } = workerData as Init;
const gemm = module === null ? null : gemmCall(instantiate(module, memory));
let view = new Float32Array(memory.buffer);
let seen = 0;
parentPort?.postMessage('ready');
for (;;) {
  Atomics.wait(ctrl, CTRL.seq, seen);
  seen = Atomics.load(ctrl, CTRL.seq);
  const op = ctrl[CTRL.op];
  if (op === OP_QUIT) break;
  if (op === OP_GEMM) {
    const a = Array.from(ctrl.subarray(CTRL.args, CTRL.args + 11));
    const [m, n, k, pa, saM, saK, pb, ldb, pc, ldc, acc] = a as [number, number, number, number, number, number, number, number, number, number, number];
    if (gemm !== null) gemm(m, n, k, pa, saM, saK, pb, ldb, pc, ldc, acc === 1);
    else {
      if (view.buffer !== memory.buffer || view.byteLength !== memory.buffer.byteLength) view = new Float32Array(memory.buffer);
      gemmJs(view, m, n, k, pa, saM, saK, pb, ldb, pc, ldc, acc === 1);
    }
  }
  Atomics.store(ctrl, CTRL.done, seen);
  Atomics.notify(ctrl, CTRL.done);
}
