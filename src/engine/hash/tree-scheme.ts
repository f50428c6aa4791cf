// The constants of the content-address scheme (no imports: the lock writer needs them on the no-op path).

/** Files larger than this are tree-hashed (`xxh128-tree`); smaller ones are plain XXH3-128 (`xxh128`). */
export const TREE_ABOVE = 16 << 20;
/** Leaf size of the tree hash (part of the address: changing it changes every large file's hash). */
export const LEAF_BYTES = 64 << 10;

/** Whether a file of `size` bytes has a tree address (`xxh128-tree`) rather than a plain XXH3-128. */
export function isTreeHashed(size: number): boolean {
  return size > TREE_ABOVE;
}
