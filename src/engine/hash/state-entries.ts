// The entries of .pipe/state.bin as loaded, without a string or map entry per entry: the keys and the values
// stay two texts (one entry a line) with the line ends in typed arrays. A no-op run looks paths up in the order
// the previous run saved them, so a lookup first tries the entry after the last one found (comparing in place,
// nothing allocated); a few out-of-order lookups search the keys text; after more than SCAN_MISSES of them the
// key → index map is built once, as a plain map would have been at load.

const SCAN_MISSES = 32;
const NEWLINE = 10;

/** Loaded state entries: key i, value i and its four stat numbers (ino, size, mtimeMs, ctimeMs) at nums[4i…]. */
export class StateEntries {
  readonly count: number;
  #next = 0;
  #misses = 0;
  #index: Map<string, number> | undefined;

  private constructor(
    private readonly keysText: string,
    private readonly keyEnds: Uint32Array,
    private readonly valuesText: string,
    private readonly valueEnds: Uint32Array,
    readonly nums: Float64Array,
  ) {
    this.count = keyEnds.length;
  }

  static readonly EMPTY = new StateEntries('', new Uint32Array(0), '', new Uint32Array(0), new Float64Array(0));

  /** Entries from `count` newline-separated keys and values; undefined when either text has another line count. */
  static of(count: number, keysText: string, valuesText: string, nums: Float64Array): StateEntries | undefined {
    const keyEnds = lineEnds(keysText, count);
    const valueEnds = lineEnds(valuesText, count);
    if (keyEnds === undefined || valueEnds === undefined || nums.length !== count * 4) return undefined;
    return new StateEntries(keysText, keyEnds, valuesText, valueEnds, nums);
  }

  /** Key of entry `i`. */
  key(i: number): string {
    return this.keysText.slice(i === 0 ? 0 : (this.keyEnds[i - 1] ?? 0) + 1, this.keyEnds[i]);
  }

  /** Value (hash or memo) of entry `i`. */
  value(i: number): string {
    return this.valuesText.slice(i === 0 ? 0 : (this.valueEnds[i - 1] ?? 0) + 1, this.valueEnds[i]);
  }

  /** Index of the entry whose key is `key`, or undefined. */
  find(key: string): number | undefined {
    if (this.#index !== undefined) return this.#index.get(key);
    const next = this.#next;
    if (next < this.count && this.#keyIs(next, key)) {
      this.#next = next + 1;
      return next;
    }
    if (++this.#misses > SCAN_MISSES) {
      this.#index = new Map();
      for (let i = 0; i < this.count; i++) this.#index.set(this.key(i), i);
      return this.#index.get(key);
    }
    const found = this.#scan(key);
    if (found !== undefined) this.#next = found + 1;
    return found;
  }

  #keyIs(i: number, key: string): boolean {
    const start = i === 0 ? 0 : (this.keyEnds[i - 1] ?? 0) + 1;
    return (this.keyEnds[i] ?? 0) - start === key.length && this.keysText.startsWith(key, start);
  }

  /** Whether entry `i` was saved with the stat `st` (inode, size, mtime, ctime). */
  statIs(i: number, st: { readonly ino: number; readonly size: number; readonly mtimeMs: number; readonly ctimeMs: number }): boolean {
    const n = this.nums;
    return n[i * 4] === st.ino && n[i * 4 + 1] === st.size && n[i * 4 + 2] === st.mtimeMs && n[i * 4 + 3] === st.ctimeMs;
  }

  /** Whether keys i … i+count−1, joined by newlines, are exactly `text`. */
  linesAre(i: number, text: string, count: number): boolean {
    if (count <= 0 || i + count > this.count) return count === 0 && text === '';
    const start = i === 0 ? 0 : (this.keyEnds[i - 1] ?? 0) + 1;
    return (this.keyEnds[i + count - 1] ?? 0) - start === text.length && this.keysText.startsWith(text, start);
  }

  /** The entry whose whole line is `key`, searched in the keys text. */
  #scan(key: string): number | undefined {
    const text = this.keysText;
    // no saved key is empty or holds a newline (indexOf('') would match everywhere, 'a\nb' across two lines)
    if (key === '' || key.includes('\n')) return undefined;
    for (let at = text.indexOf(key); at >= 0 && at < text.length; at = text.indexOf(key, at + 1)) {
      const end = at + key.length;
      if ((at === 0 || text.charCodeAt(at - 1) === NEWLINE) && (end === text.length || text.charCodeAt(end) === NEWLINE)) return this.#lineAt(end);
    }
    return undefined;
  }

  /** The line whose end is `end` (binary search over the line ends). */
  #lineAt(end: number): number | undefined {
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const e = this.keyEnds[mid] ?? 0;
      if (e === end) return mid;
      if (e < end) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }
}

/** End offsets of the `count` lines of `text` (the last without a newline); undefined for another line count. */
function lineEnds(text: string, count: number): Uint32Array | undefined {
  if (count === 0) return text === '' ? new Uint32Array(0) : undefined;
  const ends = new Uint32Array(count);
  let from = 0;
  for (let i = 0; i < count - 1; i++) {
    const at = text.indexOf('\n', from);
    if (at < 0) return undefined;
    ends[i] = at;
    from = at + 1;
  }
  if (text.indexOf('\n', from) >= 0) return undefined;
  ends[count - 1] = text.length;
  return ends;
}
