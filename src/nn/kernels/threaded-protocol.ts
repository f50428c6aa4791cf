// Control words shared between the main thread and one kernel worker (an Int32Array over a SharedArrayBuffer):
// the main thread writes op + args, bumps `seq` and notifies; the worker runs the op and copies `seq` into `done`
// (after setting `failed` to 1 if the op threw).

/** Word indices. */
export const CTRL = { seq: 0, done: 1, op: 2, failed: 3, args: 4 } as const;
/** Words per worker. */
export const CTRL_WORDS = 16;
/** gemm(11 args, float indices). */
export const OP_GEMM = 1;
/** Row kernel SPLITTABLE[args[0]] with args[1…] (byte offsets, as the WASM export takes them). */
export const OP_CALL = 2;
export const OP_QUIT = 3;
