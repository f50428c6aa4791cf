// Multi-threaded kernels: worker_threads share the arena's WebAssembly memory; each GEMM is split by rows of C
// into equal bands (a multiple of the 4-row tile), the main thread computing the first. Every element of C is
// computed by the same instruction sequence whatever the band, so results are byte-identical for every thread
// count. The memory-bound kernels (cheap, and some are reductions) stay on the main thread.
import type { Worker } from 'node:worker_threads';
import type { Kernels } from './kernels.js';
import { CTRL, CTRL_WORDS, OP_GEMM, OP_QUIT } from './threaded-protocol.js';
import { MR } from './gemm-wasm.js';
import { kernelModule } from './wasm-kernels.js';
import { startModuleWorker } from '../../util/start-worker.js';

/** Rows below which a GEMM is not worth splitting. */
const MIN_SPLIT_ROWS = 64;

/** Wraps single-threaded `base` kernels (on a shared arena) with `threads − 1` GEMM workers. */
export async function threadedKernels(base: Kernels, threads: number): Promise<Kernels> {
  if (!base.arena.shared) throw new RangeError('threaded kernels need a shared arena');
  const module = base.name === 'wasm' ? kernelModule(true) : null;
  const helpers: { worker: Worker; ctrl: Int32Array; seq: number }[] = [];
  for (let t = 1; t < threads; t++) {
    const ctrl = new Int32Array(new SharedArrayBuffer(CTRL_WORDS * 4));
    const worker = startModuleWorker(import.meta.url, 'gemm-worker', { workerData: { memory: base.arena.memory, module, ctrl } });
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    worker.unref();
    helpers.push({ worker, ctrl, seq: 0 });
  }
  const gemm: Kernels['gemm'] = (m, n, k, a, saM, saK, b, ldb, c, ldc, accumulate) => {
    if (m < MIN_SPLIT_ROWS * threads) return base.gemm(m, n, k, a, saM, saK, b, ldb, c, ldc, accumulate);
    const band = Math.ceil(m / threads / MR) * MR;
    helpers.forEach((h, i) => {
      const r0 = Math.min(m, band * (i + 1));
      const r1 = Math.min(m, band * (i + 2));
      h.ctrl[CTRL.op] = OP_GEMM;
      h.ctrl.set([r1 - r0, n, k, a + r0 * saM, saM, saK, b, ldb, c + r0 * ldc, ldc, accumulate ? 1 : 0], CTRL.args);
      h.seq += 1;
      Atomics.store(h.ctrl, CTRL.seq, h.seq);
      Atomics.notify(h.ctrl, CTRL.seq);
    });
    base.gemm(Math.min(m, band), n, k, a, saM, saK, b, ldb, c, ldc, accumulate);
    for (const h of helpers) while (Atomics.load(h.ctrl, CTRL.done) !== h.seq) Atomics.wait(h.ctrl, CTRL.done, Atomics.load(h.ctrl, CTRL.done));
  };
  return {
    ...base,
    threads,
    gemm,
    async close() {
      for (const h of helpers) {
        h.ctrl[CTRL.op] = OP_QUIT;
        h.seq += 1;
        Atomics.store(h.ctrl, CTRL.seq, h.seq);
        Atomics.notify(h.ctrl, CTRL.seq);
      }
      await Promise.all(helpers.map((h) => h.worker.terminate()));
      await base.close();
    },
  };
}
