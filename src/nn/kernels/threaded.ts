// Multi-threaded kernels: worker_threads share the arena's WebAssembly memory. Each GEMM is split by rows of C into
// equal bands (a multiple of the MR-row tile), and the element-wise row kernels (batch-norm apply/backward,
// im2row/row2im, ReLU + max-pool) by rows or samples; the main thread computes the first band. Every output element
// is computed by the same instruction sequence whatever its band, and the reductions (column sums: batch-norm
// statistics over the whole batch, bias gradients) stay on the main thread, so results are byte-identical for
// every thread count.
import type { Worker } from 'node:worker_threads';
import type { Arena } from './arena.js';
import { MR } from './gemm-wasm.js';
import type { Kernels } from './kernels.js';
import { CTRL, CTRL_WORDS, OP_CALL, OP_GEMM, OP_QUIT } from './threaded-protocol.js';
import { SPLITTABLE, type RowRunner } from './wasm-kernels.js';
import type { WasmModule } from '../../util/wasm-api.js';
import { startModuleWorker } from '../../util/start-worker.js';

/** GEMM rows per thread below which a product is not split. */
const MIN_SPLIT_ROWS = 64;
/** How long join waits for a helper's band before declaring it dead (a band takes milliseconds). */
const JOIN_TIMEOUT_MS = 120_000;
/** Row-kernel units (rows) per thread below which it is not split; samples always split when n ≥ threads. */
const MIN_SPLIT_UNITS = 2;

/** Helper threads with their control words. */
export interface HelperPool {
  readonly size: number;
  /** Posts op + args to helper i. */
  post(i: number, op: number, args: readonly number[]): void;
  /** Waits until every posted op is done. */
  join(): void;
  close(): Promise<void>;
}

/** Starts `count` helpers on the shared `arena` (with the WASM module, or null for TS GEMMs only). */
export async function startHelpers(arena: Arena, module: WasmModule | null, count: number): Promise<HelperPool> {
  if (!arena.shared) throw new RangeError('threaded kernels need a shared arena');
  const helpers: { worker: Worker; ctrl: Int32Array; seq: number }[] = [];
  for (let t = 0; t < count; t++) {
    const ctrl = new Int32Array(new SharedArrayBuffer(CTRL_WORDS * 4));
    const worker = startModuleWorker(import.meta.url, 'gemm-worker', { workerData: { memory: arena.memory, module, ctrl } });
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', (error) => reject(new Error(`nn: a kernel worker thread failed to start: ${error.message}`)));
      worker.once('exit', (code) => reject(new Error(`nn: a kernel worker thread exited (code ${code}) before it was ready`)));
    });
    worker.removeAllListeners('exit');
    worker.removeAllListeners('error');
    worker.on('error', () => {}); // a crash surfaces through join's timeout or the failed flag
    worker.unref();
    helpers.push({ worker, ctrl, seq: 0 });
  }
  const post = (i: number, op: number, args: readonly number[]): void => {
    const h = helpers[i];
    if (h === undefined) throw new RangeError(`no helper thread ${i}`);
    h.ctrl[CTRL.op] = op;
    h.ctrl.set(args, CTRL.args);
    h.seq += 1;
    Atomics.store(h.ctrl, CTRL.seq, h.seq);
    Atomics.notify(h.ctrl, CTRL.seq);
  };
  return {
    size: count,
    post,
    join() {
      for (const [i, h] of helpers.entries()) {
        const deadline = Date.now() + JOIN_TIMEOUT_MS;
        for (let done = Atomics.load(h.ctrl, CTRL.done); done !== h.seq; done = Atomics.load(h.ctrl, CTRL.done)) {
          if (Atomics.wait(h.ctrl, CTRL.done, done, 1000) === 'timed-out' && Date.now() > deadline) {
            throw new Error(`nn: kernel worker thread ${i + 1} did not finish its band within ${JOIN_TIMEOUT_MS / 1000} s (it may have crashed)`);
          }
        }
        if (Atomics.exchange(h.ctrl, CTRL.failed, 0) !== 0) throw new Error(`nn: kernel worker thread ${i + 1} failed (its error is on stderr)`);
      }
    },
    async close() {
      helpers.forEach((_, i) => post(i, OP_QUIT, []));
      helpers.forEach((h) => h.worker.removeAllListeners('error'));
      await Promise.all(helpers.map((h) => h.worker.terminate()));
    },
  };
}

/** Bands [start, end) of `units` split over 1 + pool.size threads in multiples of `quantum`. */
function bands(units: number, threads: number, quantum: number): [number, number][] {
  const band = Math.ceil(units / threads / quantum) * quantum;
  return Array.from({ length: threads }, (_, t) => [Math.min(units, t * band), Math.min(units, (t + 1) * band)] as [number, number]);
}

/** A row-kernel runner that splits over the pool (the main thread runs band 0). */
export function splitRunner(pool: HelperPool, fns: Record<string, (...a: number[]) => void>): RowRunner {
  return (name, args, countArg, pointers) => {
    const units = args[countArg] as number;
    const threads = pool.size + 1;
    const id = SPLITTABLE.indexOf(name as (typeof SPLITTABLE)[number]);
    if (id < 0 || units < MIN_SPLIT_UNITS * threads) {
      (fns[name] as (...a: number[]) => void)(...args);
      return;
    }
    const parts = bands(units, threads, 1);
    const bandArgs = ([u0, u1]: [number, number]): number[] => {
      const a = [...args];
      a[countArg] = u1 - u0;
      for (const [index, bytes] of pointers) a[index] = (a[index] as number) + u0 * bytes;
      return a;
    };
    for (let t = 1; t < threads; t++) {
      const part = parts[t] as [number, number];
      if (part[1] > part[0]) pool.post(t - 1, OP_CALL, [id, ...bandArgs(part)]);
      else pool.post(t - 1, OP_CALL, [id, ...bandArgs([0, 0])]);
    }
    (fns[name] as (...a: number[]) => void)(...bandArgs(parts[0] as [number, number]));
    pool.join();
  };
}

/** Wraps `base` kernels (on the pool's shared arena) so that GEMMs split over the pool. */
export function threadedKernels(base: Kernels, pool: HelperPool): Kernels {
  const threads = pool.size + 1;
  const gemm: Kernels['gemm'] = (m, n, k, a, saM, saK, b, ldb, c, ldc, accumulate) => {
    if (m < MIN_SPLIT_ROWS * threads) return base.gemm(m, n, k, a, saM, saK, b, ldb, c, ldc, accumulate);
    const parts = bands(m, threads, MR);
    for (let t = 1; t < threads; t++) {
      const [r0, r1] = parts[t] as [number, number];
      pool.post(t - 1, OP_GEMM, [r1 - r0, n, k, a + r0 * saM, saM, saK, b, ldb, c + r0 * ldc, ldc, accumulate ? 1 : 0]);
    }
    const [, first] = parts[0] as [number, number];
    base.gemm(first, n, k, a, saM, saK, b, ldb, c, ldc, accumulate);
    pool.join();
  };
  return {
    ...base,
    threads,
    gemm,
    async close() {
      await pool.close();
      await base.close();
    },
  };
}
