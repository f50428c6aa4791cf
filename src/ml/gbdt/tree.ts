// A regression tree in XGBoost's RegTree layout: parallel per-node arrays, node 0 the root, -1 for no child.

/** XGBoost marks a deleted (pruned-away) node with split index 2^31 − 1 and default-left set. */
export const DELETED_SPLIT_INDEX = 0x7fffffff;

/** One regression tree. For a leaf, `splitConditions[i]` holds the leaf value (already scaled by eta). */
export interface RegTree {
  readonly numNodes: number;
  readonly leftChildren: Int32Array;
  readonly rightChildren: Int32Array;
  readonly parents: Int32Array;
  readonly splitIndices: Int32Array;
  readonly splitConditions: Float32Array;
  readonly defaultLeft: Uint8Array;
  readonly baseWeights: Float32Array;
  readonly lossChanges: Float32Array;
  readonly sumHessian: Float32Array;
}

/** Growable node storage used while a tree is built; `finish()` freezes it into a `RegTree`. */
export class TreeBuilder {
  readonly left: number[] = [];
  readonly right: number[] = [];
  readonly parent: number[] = [];
  readonly splitIndex: number[] = [];
  readonly splitCond: number[] = [];
  readonly defaultLeft: number[] = [];
  readonly baseWeight: number[] = [];
  readonly lossChange: number[] = [];
  readonly sumHess: number[] = [];

  /** Appends a fresh leaf node and returns its id. */
  addNode(parentId: number): number {
    this.left.push(-1);
    this.right.push(-1);
    this.parent.push(parentId);
    this.splitIndex.push(0);
    this.splitCond.push(0);
    this.defaultLeft.push(0);
    this.baseWeight.push(0);
    this.lossChange.push(0);
    this.sumHess.push(0);
    return this.left.length - 1;
  }

  get numNodes(): number {
    return this.left.length;
  }

  /** Turns leaf `nid` into a split and allocates its two children (left first, as XGBoost does). */
  split(nid: number, feature: number, threshold: number, defaultLeft: boolean): void {
    const l = this.addNode(nid);
    const r = this.addNode(nid);
    this.left[nid] = l;
    this.right[nid] = r;
    this.splitIndex[nid] = feature;
    this.splitCond[nid] = threshold;
    this.defaultLeft[nid] = defaultLeft ? 1 : 0;
  }

  /** Freezes the nodes into typed arrays. */
  finish(): RegTree {
    return {
      numNodes: this.left.length,
      leftChildren: Int32Array.from(this.left),
      rightChildren: Int32Array.from(this.right),
      parents: Int32Array.from(this.parent, (p) => (p < 0 ? DELETED_SPLIT_INDEX : p)),
      splitIndices: Int32Array.from(this.splitIndex),
      splitConditions: Float32Array.from(this.splitCond),
      defaultLeft: Uint8Array.from(this.defaultLeft),
      baseWeights: Float32Array.from(this.baseWeight),
      lossChanges: Float32Array.from(this.lossChange),
      sumHessian: Float32Array.from(this.sumHess),
    };
  }
}

/** Counts the nodes XGBoost considers deleted. */
export function countDeleted(tree: RegTree): number {
  let deleted = 0;
  for (let i = 1; i < tree.numNodes; i++) {
    if (tree.splitIndices[i] === DELETED_SPLIT_INDEX && tree.defaultLeft[i] === 1) deleted++;
  }
  return deleted;
}

/** Returns the leaf reached by row `row` of row-major float32 features `x` with `cols` columns. */
export function leafIndex(tree: RegTree, x: Float32Array, row: number, cols: number): number {
  const { leftChildren, rightChildren, splitIndices, splitConditions, defaultLeft } = tree;
  const base = row * cols;
  let nid = 0;
  for (;;) {
    const l = leftChildren[nid]!;
    if (l < 0) return nid;
    const v = x[base + splitIndices[nid]!]!;
    if (v !== v) nid = defaultLeft[nid] === 1 ? l : rightChildren[nid]!;
    else nid = v < splitConditions[nid]! ? l : rightChildren[nid]!;
  }
}
