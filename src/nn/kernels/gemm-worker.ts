// Worker thread of the threaded kernels: waits on its control words, runs its band of a GEMM (WASM or TS) or of a
// WASM row kernel on the shared arena, signals completion. Protocol in threaded-protocol.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { gemmJs } from './gemm-js.js';
import { CTRL, OP_CALL, OP_GEMM, OP_QUIT } from './threaded-protocol.js';
import { SPLITTABLE, gemmCall, instantiate } from './wasm-kernels.js';
import type { WasmMemory, WasmModule } from '../../util/wasm-api.js';

interface Init {
  readonly memory: WasmMemory;
  readonly module: WasmModule | null;
  readonly ctrl: Int32Array;
}

const { memory, module, ctrl } = workerData as Init;
const fns = module === null ? null : instantiate(module, memory);
const gemm = fns === null ? null : gemmCall(fns);
let view = new Float32Array(memory.buffer);
let seen = 0;
parentPort?.postMessage('ready');
for (;;) {
  Atomics.wait(ctrl, CTRL.seq, seen);
  seen = Atomics.load(ctrl, CTRL.seq);
  const op = ctrl[CTRL.op];
  if (op === OP_QUIT) break;
  const args = Array.from(ctrl.subarray(CTRL.args, CTRL.args + 12));
  try {
    run(op, args);
  } catch (error) {
    console.error(`nn worker thread: ${(error as Error).message}`);
    Atomics.store(ctrl, CTRL.failed, 1);
  }
  Atomics.store(ctrl, CTRL.done, seen);
  Atomics.notify(ctrl, CTRL.done);
}

function run(op: number | undefined, args: number[]): void {
  if (op === OP_GEMM) {
    const [m, n, k, pa, saM, saK, pb, ldb, pc, ldc, acc] = args as [number, number, number, number, number, number, number, number, number, number, number];
    if (gemm !== null) gemm(m, n, k, pa, saM, saK, pb, ldb, pc, ldc, acc === 1);
    else {
      if (view.buffer !== memory.buffer || view.byteLength !== memory.buffer.byteLength) view = new Float32Array(memory.buffer);
      gemmJs(view, m, n, k, pa, saM, saK, pb, ldb, pc, ldc, acc === 1);
    }
  } else if (op === OP_CALL && fns !== null) {
    const name = SPLITTABLE[args[0] as number] as string;
    (fns[name] as (...a: number[]) => void)(...args.slice(1));
  }
}
