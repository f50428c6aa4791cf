// A boosting round shared with a helper thread. The K trees of a multi-class round (one per class) depend only on
// the gradients computed at the round's start, so another thread may grow some of them: the training posts the
// round's K tasks on a board in shared memory, grows every task it claims first, and waits only for the ones a
// helper claimed (never for an unclaimed one), so the trees, and the model, are the same with or without help.
// Claims are compare-and-swap on each task's state; the helper writes its tree into the task's slot.
import { growHistTree, HistWorkspace } from './hist-grower.js';
import type { HistIndex } from './hist-index.js';
import type { SplitParams } from './split-gain.js';
import { DELETED_SPLIT_INDEX, type RegTree } from './tree.js';

const EMPTY = 0;
const POSTED = 1;
const OWNER = 2;
const HELPER = 3;
const DONE = 4;
const FAILED = 5;

/** ctl[STATE]: IDLE or TRAINING; ctl[SEQ]: bumped whenever tasks are posted or the training ends; ctl[EXIT]: 1
 * asks a standing helper to return; ctl[GROWN]: trees helpers have grown on this board. */
const STATE = 0;
const SEQ = 1;
const EXIT = 2;
const GROWN = 3;
const IDLE = 0;
const TRAINING = 1;

/** Nodes a task slot holds: trees up to depth 13. A helper leaves deeper trainings' trees to their owner. */
const DEFAULT_CAPACITY = (1 << 14) - 1;

/** Shared typed arrays (all on SharedArrayBuffers, so a worker gets the same memory through postMessage/workerData). */
export interface RoundBoard {
  readonly rows: number;
  readonly cols: number;
  readonly groups: number;
  /** Nodes per task slot. */
  readonly capacity: number;
  readonly ctl: Int32Array;
  readonly status: Int32Array;
  /** eta, lambda, alpha, gamma, min_child_weight, max_depth of the current training, and its bins' fingerprint. */
  readonly params: Float64Array;
  /** The round's gradient pairs, class-major (class k's rows at [k·rows, (k+1)·rows)). */
  readonly grad: Float32Array;
  readonly hess: Float32Array;
  /** Row samples per class; hasSample[k] = 0: every row. */
  readonly sample: Uint8Array;
  readonly hasSample: Int32Array;
  /** Feature indices per class (at k·cols), featureCount[k] of them. */
  readonly features: Int32Array;
  readonly featureCount: Int32Array;
  /** Tree slots, task k's at [k·capacity, k·capacity + numNodes[k]). */
  readonly numNodes: Int32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly parent: Int32Array;
  readonly splitIndex: Int32Array;
  readonly splitCond: Float32Array;
  readonly defaultLeft: Uint8Array;
  readonly baseWeight: Float32Array;
  readonly lossChange: Float32Array;
  readonly sumHess: Float32Array;
}

/** Allocates a board for trainings on `rows × cols` data with `groups` trees per round. */
export function createRoundBoard(rows: number, cols: number, groups: number, capacity = DEFAULT_CAPACITY): RoundBoard {
  const i32 = (n: number): Int32Array => new Int32Array(new SharedArrayBuffer(4 * n));
  const f32 = (n: number): Float32Array => new Float32Array(new SharedArrayBuffer(4 * n));
  const u8 = (n: number): Uint8Array => new Uint8Array(new SharedArrayBuffer(n));
  const slots = groups * capacity;
  return {
    rows, cols, groups, capacity,
    ctl: i32(4),
    status: i32(groups),
    params: new Float64Array(new SharedArrayBuffer(8 * 7)),
    grad: f32(rows * groups),
    hess: f32(rows * groups),
    sample: u8(rows * groups),
    hasSample: i32(groups),
    features: i32(groups * cols),
    featureCount: i32(groups),
    numNodes: i32(groups),
    left: i32(slots),
    right: i32(slots),
    parent: i32(slots),
    splitIndex: i32(slots),
    splitCond: f32(slots),
    defaultLeft: u8(slots),
    baseWeight: f32(slots),
    lossChange: f32(slots),
    sumHess: f32(slots),
  };
}

/** Whether the board is laid out for this training's data. */
export function boardFits(board: RoundBoard, rows: number, cols: number, groups: number): boolean {
  return board.rows === rows && board.cols === cols && board.groups === groups;
}

const fingerprints = new WeakMap<HistIndex, number>();

/** A 32-bit digest of a bin layout (shape, cut values and cell bins), so a helper never grows trees on other bins. */
function binsFingerprint(hist: HistIndex): number {
  const known = fingerprints.get(hist);
  if (known !== undefined) return known;
  let h = Math.imul(hist.rows, 0x9e3779b1) ^ hist.cols;
  const mix = (v: number): void => {
    h = Math.imul(h ^ v, 0x01000193) ^ (h >>> 15);
  };
  const cutBits = new Int32Array(hist.cuts.buffer, hist.cuts.byteOffset, hist.cuts.length);
  for (let i = 0; i < cutBits.length; i++) mix(cutBits[i]!);
  for (let i = 0; i < hist.bin.length; i += 7) mix(hist.bin[i]!);
  fingerprints.set(hist, h >>> 0);
  return h >>> 0;
}

/** The owner's side: marks the board busy with a training of these split parameters on these bins. */
export function openBoard(board: RoundBoard, p: SplitParams, hist: HistIndex): void {
  board.params.set([p.eta, p.lambda, p.alpha, p.gamma, p.minChildWeight, p.maxDepth, binsFingerprint(hist)]);
  Atomics.store(board.ctl, STATE, TRAINING);
}

/** The owner's side: the training ended; a helper waiting on the board returns. */
export function closeBoard(board: RoundBoard): void {
  Atomics.store(board.ctl, STATE, IDLE);
  Atomics.add(board.ctl, SEQ, 1);
  Atomics.notify(board.ctl, SEQ);
}

/** Whether a training is running on the board (a helper is worth starting). */
export function boardBusy(board: RoundBoard): boolean {
  return Atomics.load(board.ctl, STATE) === TRAINING;
}

/**
 * The owner's side of one round, after it wrote the round's gradients, samples and features into the board:
 * posts the K tasks, grows (with `growHere`) every task no helper has claimed, in class order, waits for the
 * helper's, and returns the K trees in class order. A task the helper failed on is grown here.
 */
export function growRound(board: RoundBoard, growHere: (k: number) => RegTree): RegTree[] {
  const { status, groups } = board;
  for (let k = 0; k < groups; k++) Atomics.store(status, k, POSTED);
  Atomics.add(board.ctl, SEQ, 1);
  Atomics.notify(board.ctl, SEQ);
  const trees: (RegTree | undefined)[] = new Array(groups);
  for (let k = 0; k < groups; k++) {
    if (Atomics.compareExchange(status, k, POSTED, OWNER) === POSTED) trees[k] = growHere(k);
  }
  for (let k = 0; k < groups; k++) {
    if (trees[k] !== undefined) continue;
    let s = Atomics.load(status, k);
    while (s === HELPER) {
      Atomics.wait(status, k, HELPER, 1000);
      s = Atomics.load(status, k);
    }
    trees[k] = s === DONE ? readTree(board, k) : growHere(k);
  }
  for (let k = 0; k < groups; k++) Atomics.store(status, k, EMPTY);
  return trees as RegTree[];
}

/** What a helper grows trees from: the same bins the owner trains on. */
export interface HelperData {
  readonly hist: HistIndex;
}

/** The board's post counter: it moves whenever the owner posts a round or ends its training. */
export function boardSeq(board: RoundBoard): number {
  return Atomics.load(board.ctl, SEQ);
}

/**
 * The helper's side: while the board's training runs, claims posted tasks (last class first, the owner takes
 * them from the first) and grows them into their slots. Returns true when the training ended, false when nothing
 * was posted for `maxIdleMs` (an owner that died mid-training never closes its board: the caller decides whether
 * to come back). Synchronous: the calling thread does nothing else meanwhile, so call it only from a thread that
 * is otherwise idle.
 */
export function helpTraining(board: RoundBoard, data: HelperData, maxIdleMs = Infinity): boolean {
  const { status, groups, rows, cols, capacity } = board;
  let ws: HistWorkspace | null = null;
  let lastSeq = -1;
  let lastChange = performance.now();
  for (;;) {
    const seq = Atomics.load(board.ctl, SEQ);
    if (Atomics.load(board.ctl, STATE) !== TRAINING || Atomics.load(board.ctl, EXIT) !== 0) return true;
    const now = performance.now();
    if (seq !== lastSeq) {
      lastSeq = seq;
      lastChange = now;
    } else if (now - lastChange > maxIdleMs) {
      return false;
    }
    const q = board.params;
    const p: SplitParams = { eta: q[0]!, lambda: q[1]!, alpha: q[2]!, gamma: q[3]!, minChildWeight: q[4]!, maxDepth: q[5]! };
    if (2 ** (p.maxDepth + 1) - 1 <= capacity && q[6] === binsFingerprint(data.hist)) {
      for (let k = groups - 1; k >= 0; k--) {
        if (Atomics.compareExchange(status, k, POSTED, HELPER) !== POSTED) continue;
        try {
          ws ??= new HistWorkspace(data.hist);
          const tree = growHistTree({
            index: data.hist,
            grad: board.grad.subarray(k * rows, (k + 1) * rows),
            hess: board.hess.subarray(k * rows, (k + 1) * rows),
            sample: board.hasSample[k] === 1 ? board.sample.subarray(k * rows, (k + 1) * rows) : null,
            features: board.features.subarray(k * cols, k * cols + board.featureCount[k]!),
          }, p, ws).finish();
          writeTree(board, k, tree);
          Atomics.store(status, k, DONE);
          Atomics.add(board.ctl, GROWN, 1);
        } catch {
          Atomics.store(status, k, FAILED); // the owner grows it itself
        }
        Atomics.notify(status, k);
      }
    }
    Atomics.wait(board.ctl, SEQ, seq, Math.min(200, maxIdleMs));
  }
}

function writeTree(board: RoundBoard, k: number, tree: RegTree): void {
  if (tree.numNodes > board.capacity) throw new RangeError('round board: tree larger than its slot');
  const at = k * board.capacity;
  board.numNodes[k] = tree.numNodes;
  board.left.set(tree.leftChildren, at);
  board.right.set(tree.rightChildren, at);
  board.parent.set(tree.parents, at);
  board.splitIndex.set(tree.splitIndices, at);
  board.splitCond.set(tree.splitConditions, at);
  board.defaultLeft.set(tree.defaultLeft, at);
  board.baseWeight.set(tree.baseWeights, at);
  board.lossChange.set(tree.lossChanges, at);
  board.sumHess.set(tree.sumHessian, at);
}

function readTree(board: RoundBoard, k: number): RegTree {
  const n = board.numNodes[k]!;
  const at = k * board.capacity;
  const take = <T extends Int32Array | Float32Array | Uint8Array>(a: T): T => a.slice(at, at + n) as T;
  const tree: RegTree = {
    numNodes: n,
    leftChildren: take(board.left),
    rightChildren: take(board.right),
    parents: take(board.parent),
    splitIndices: take(board.splitIndex),
    splitConditions: take(board.splitCond),
    defaultLeft: take(board.defaultLeft),
    baseWeights: take(board.baseWeight),
    lossChanges: take(board.lossChange),
    sumHessian: take(board.sumHess),
  };
  if (tree.parents[0] !== DELETED_SPLIT_INDEX && n > 0) throw new RangeError('round board: corrupt tree slot');
  return tree;
}

/** Trees helpers have grown on this board so far. */
export function helpedTrees(board: RoundBoard): number {
  return Atomics.load(board.ctl, GROWN);
}

/**
 * A helper that stands by a board for its whole life (a thread of its own): helps every training that opens
 * the board, until `dismissHelper`. Blocks the calling thread throughout.
 */
export function standByBoard(board: RoundBoard, data: HelperData): void {
  while (Atomics.load(board.ctl, EXIT) === 0) {
    const seq = Atomics.load(board.ctl, SEQ);
    if (Atomics.load(board.ctl, STATE) === TRAINING) helpTraining(board, data);
    else Atomics.wait(board.ctl, SEQ, seq, 500);
  }
}

/** Ends a `standByBoard` helper. */
export function dismissHelper(board: RoundBoard): void {
  Atomics.store(board.ctl, EXIT, 1);
  Atomics.add(board.ctl, SEQ, 1);
  Atomics.notify(board.ctl, SEQ);
}
