// The state cache: (inode, size, mtime, ctime) → content hash, so an unchanged file is never re-read.
// Stored in .pipe/state.bin, a compact binary file read with one call and no per-entry parsing:
//   16-byte magic, u32 LE entry count, u32 LE keys length, u32 LE values length, 4 bytes padding, then 4
//   float64 (LE) per entry (ino, size, mtimeMs, ctimeMs; NaN for memo entries), then the keys (UTF-8, one per
//   line) and the values (hashes or memo values, one per line), in the same order.
// Rewritten atomically (temp name + rename) when it changed.
//
// Directory memos: the entry `dir/` holds `start+count:hash`, saying that the files of directory `dir`, in the
// order its walk visits them, are entries start … start+count−1 of the same file and that their listing hashes to
// `hash`. A save places the files of every directory measured in that process together, in walk order, and
// writes a memo only after checking its range against what it writes; a no-op run then confirms a directory by
// walking it against that range (quickMeasureDir in measure.ts) without building or hashing its listing.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../store/atomic-write.js';
import { StateEntries } from './state-entries.js';

const FILE = 'state.bin';
/** The text format of earlier versions, removed on the first save. */
const OLD_FILE = 'state.tsv';
const MAGIC = 'pipe-state-3\0\0\0\0';
const HEADER_BYTES = 32;
/** Timestamps closer than this to the hashing moment may hide a same-tick rewrite ("racy" entries). */
const RACY_MS = 5;
/** Above this many entries, a save keeps only the entries used in this process (stale paths fall out). */
const PRUNE_ABOVE = 100_000;

/** The stat fields that change whenever content may have changed (fs.Stats has them). */
export interface StatSig {
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
}

interface Entry extends StatSig {
  readonly value: string;
}

/** A file of a measured directory: its path inside the directory and its content hash. */
export interface ListedFile {
  readonly path: string;
  readonly hash: string;
}

/** A directory measured in this process: its files in walk order and the listing's hash. */
interface DirMemo {
  readonly walked: readonly ListedFile[];
  readonly hash: string;
}

/** `start+count:hash` of a saved directory memo. */
const MEMO_VALUE = /^(\d+)\+(\d+):(.+)$/;

/**
 * The saved files of one directory (entries start … start+count−1 of the loaded state) and its listing hash, for
 * confirming that the directory is unchanged without hashing its listing.
 */
export class DirRun {
  constructor(
    readonly start: number,
    readonly count: number,
    readonly hash: string,
    private readonly entries: StateEntries,
    private readonly changed: ReadonlyMap<string, Entry>,
  ) {}

  /** Whether loaded entry `i` was saved with stat `st`. */
  statIs(i: number, st: StatSig): boolean {
    return this.entries.statIs(i, st);
  }

  /**
   * Whether loaded entries i, i+1, … are the files `prefix + names[k]` for k in [from, to), none of them
   * recorded anew in this process (the names joined and compared with the saved paths in one go).
   */
  pathsAre(i: number, prefix: string, names: readonly string[], from: number, to: number): boolean {
    if (from === to) return true;
    if (i + (to - from) > this.start + this.count) return false;
    if (this.changed.size > 0 && names.slice(from, to).some((name) => this.changed.has(prefix + name))) return false;
    return this.entries.linesAre(i, prefix + names.slice(from, to).join(`\n${prefix}`), to - from);
  }

  /** Size recorded for loaded entry `i`. */
  size(i: number): number {
    return this.entries.nums[i * 4 + 1] ?? Number.NaN;
  }

  /** The files of the run, paths relative to the directory (`prefixLength`: length of 'dir/'), in walk order. */
  files(prefixLength: number): { path: string; hash: string; size: number }[] {
    const out: { path: string; hash: string; size: number }[] = [];
    for (let i = this.start; i < this.start + this.count; i++) out.push({ path: this.entries.key(i).slice(prefixLength), hash: this.entries.value(i), size: this.size(i) });
    return out;
  }
}

const same = (e: StatSig, st: StatSig): boolean => e.ino === st.ino && e.size === st.size && e.mtimeMs === st.mtimeMs && e.ctimeMs === st.ctimeMs;

/** In-memory view of .pipe/state.bin: path → stat signature + hash, plus memo entries. */
export class StateCache {
  readonly #loaded: StateEntries;
  /** Entries recorded in this process; they take precedence over loaded ones. */
  readonly #changed = new Map<string, Entry>();
  readonly #used = new Set<string>();
  /** Directories measured (walked and hashed) in this process, by root-relative path. */
  readonly #dirMemos = new Map<string, DirMemo>();
  #dirty = false;

  private constructor(private readonly dir: string, loaded: StateEntries) {
    this.#loaded = loaded;
  }

  get #size(): number {
    return this.#loaded.count + this.#changed.size;
  }

  #get(key: string): Entry | undefined {
    const changed = this.#changed.get(key);
    if (changed !== undefined) return changed;
    const i = this.#loaded.find(key);
    return i === undefined ? undefined : this.#loadedEntry(i);
  }

  #loadedEntry(i: number): Entry {
    const n = this.#loaded.nums;
    return { ino: n[i * 4] ?? Number.NaN, size: n[i * 4 + 1] ?? Number.NaN, mtimeMs: n[i * 4 + 2] ?? Number.NaN, ctimeMs: n[i * 4 + 3] ?? Number.NaN, value: this.#loaded.value(i) };
  }

/** Loads the state of the project whose private dir is `pipeDir` (empty when absent, unreadable or malformed). */
  static load(pipeDir: string): StateCache {
    let loaded = StateEntries.EMPTY;
    try {
      loaded = parse(readFileSync(path.join(pipeDir, FILE))) ?? StateEntries.EMPTY;
    } catch {
      loaded = StateEntries.EMPTY;
    }
    return new StateCache(pipeDir, loaded);
  }

  /** The recorded hash of `rel` when its stat still matches, else undefined. */
  lookup(rel: string, st: StatSig): string | undefined {
    if (this.#size > PRUNE_ABOVE) this.#used.add(rel);
    const changed = this.#changed.get(rel);
    if (changed !== undefined) return same(changed, st) ? changed.value : undefined;
    const i = this.#loaded.find(rel);
    return i !== undefined && this.#loaded.statIs(i, st) ? this.#loaded.value(i) : undefined;
  }

  /**
   * Records `hash` for `rel` as of `st`; skipped when the file changed within RACY_MS of `hashedAtMs`
   * (a rewrite in the same timestamp tick would go unnoticed) unless `trusted` (a finished stage's output).
   */
  record(rel: string, st: StatSig, hash: string, hashedAtMs: number, trusted = false): void {
    if (!trusted && (st.mtimeMs >= hashedAtMs - RACY_MS || st.ctimeMs >= hashedAtMs - RACY_MS)) return;
    this.#used.add(rel);
    const old = this.#get(rel);
    if (old !== undefined && old.value === hash && same(old, st)) return;
    this.#changed.set(rel, { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, value: hash });
    this.#dirty = true;
  }

  /** The saved run of directory `rel`'s files with its listing hash; undefined when there is none to trust. */
  dirRun(rel: string): DirRun | undefined {
    const key = `${rel}/`;
    if (this.#dirMemos.has(rel) || this.#changed.has(key)) return undefined;
    const i = this.#loaded.find(key);
    if (i === undefined) return undefined;
    const m = MEMO_VALUE.exec(this.#loaded.value(i));
    if (m === null) return undefined; // an older memo format: the directory is walked and hashed once more
    const start = Number(m[1]);
    const count = Number(m[2]);
    if (start + count > this.#loaded.count) return undefined;
    if (this.#size > PRUNE_ABOVE) {
      this.#used.add(key);
      for (let j = start; j < start + count; j++) this.#used.add(this.#loaded.key(j));
    }
    return new DirRun(start, count, m[3] ?? '', this.#loaded, this.#changed);
  }

  /** Records that directory `rel` was walked (files in walk order) and its listing hashes to `hash`. */
  recordDir(rel: string, walked: readonly ListedFile[], hash: string): void {
    this.#dirMemos.set(rel, { walked, hash });
    this.#used.add(`${rel}/`);
    this.#dirty = true;
  }

  /** Writes the state back (temp name + rename) when anything was recorded. */
  save(): void {
    if (!this.#dirty) return;
    mkdirSync(this.dir, { recursive: true });
    const kept = this.#ordered();
    const keys = kept.map(([k]) => k).join('\n');
    const values = kept.map(([, e]) => e.value).join('\n');
    const keysBytes = Buffer.byteLength(keys);
    const valuesBytes = Buffer.byteLength(values);
    const out = Buffer.alloc(HEADER_BYTES + kept.length * 32 + keysBytes + valuesBytes);
    out.write(MAGIC, 0, 'latin1');
    out.writeUInt32LE(kept.length, 16);
    out.writeUInt32LE(keysBytes, 20);
    out.writeUInt32LE(valuesBytes, 24);
    let at = HEADER_BYTES;
    for (const [, e] of kept) {
      out.writeDoubleLE(e.ino, at);
      out.writeDoubleLE(e.size, at + 8);
      out.writeDoubleLE(e.mtimeMs, at + 16);
      out.writeDoubleLE(e.ctimeMs, at + 24);
      at += 32;
    }
    out.write(keys, at, 'utf8');
    out.write(values, at + keysBytes, 'utf8');
    writeFileAtomic(path.join(this.dir, FILE), out);
    rmSync(path.join(this.dir, OLD_FILE), { force: true });
    this.#dirty = false;
  }

  /**
   * The entries to save, in order: the files of each directory measured in this process (outer directories
   * first, so that a nested one's files sit inside its parent's run), then the other loaded files in their
   * order, then the other recorded ones; last the directory memos whose range checks out against that order.
   */
  #ordered(): [string, Entry][] {
    const prune = this.#size > PRUNE_ABOVE;
    const keep = (k: string): boolean => !prune || this.#used.has(k);
    const files: [string, Entry][] = [];
    /** Output position of each loaded file written with its loaded value (−1: not written so). */
    const loadedAt = new Int32Array(this.#loaded.count).fill(-1);
    const placed = new Map<string, number>();
    const place = (k: string): void => {
      if (placed.has(k) || !keep(k)) return;
      let e = this.#changed.get(k);
      if (e === undefined) {
        const i = this.#loaded.find(k);
        if (i === undefined) return; // not recorded (hashed too close to its last write)
        loadedAt[i] = files.length;
        e = this.#loadedEntry(i);
      }
      placed.set(k, files.length);
      files.push([k, e]);
    };
    const dirs = [...this.#dirMemos].sort(([a], [b]) => a.length - b.length);
    for (const [rel, memo] of dirs) for (const f of memo.walked) place(`${rel}/${f.path}`);
    const loadedMemos: [string, string][] = [];
    for (let i = 0; i < this.#loaded.count; i++) {
      const k = this.#loaded.key(i);
      if (placed.has(k) || this.#changed.has(k) || !keep(k)) continue;
      if (k.endsWith('/')) {
        if (!this.#dirMemos.has(k.slice(0, -1))) loadedMemos.push([k, this.#loaded.value(i)]);
        continue;
      }
      loadedAt[i] = files.length;
      files.push([k, this.#loadedEntry(i)]);
    }
    for (const [k, e] of this.#changed) if (!placed.has(k) && keep(k)) files.push([k, e]);
    const memos: [string, Entry][] = [];
    for (const [rel, memo] of dirs) {
      const start = memo.walked.length === 0 ? 0 : (placed.get(`${rel}/${memo.walked[0]?.path ?? ''}`) ?? -1);
      const inRun = (f: ListedFile, j: number): boolean => {
        const at = files[start + j];
        return at !== undefined && at[0] === `${rel}/${f.path}` && at[1].value === f.hash;
      };
      if (start >= 0 && memo.walked.every(inRun)) memos.push([`${rel}/`, memoEntry(`${start}+${memo.walked.length}:${memo.hash}`)]);
    }
    // memos loaded and not measured again move with their files, while those files are still one run
    for (const [k, value] of loadedMemos) {
      const m = MEMO_VALUE.exec(value);
      if (m === null) continue;
      const start = Number(m[1]);
      const count = Number(m[2]);
      const to = count === 0 ? 0 : (loadedAt[start] ?? -1);
      let inRun = to >= 0;
      for (let j = 0; inRun && j < count; j++) inRun = loadedAt[start + j] === to + j;
      if (inRun) memos.push([k, memoEntry(`${to}+${count}:${m[3] ?? ''}`)]);
    }
    return files.concat(memos);
  }
}

const memoEntry = (value: string): Entry => ({ ino: Number.NaN, size: Number.NaN, mtimeMs: Number.NaN, ctimeMs: Number.NaN, value });

function parse(buf: Buffer): StateEntries | undefined {
  if (buf.length < HEADER_BYTES || buf.toString('latin1', 0, 16) !== MAGIC) return undefined;
  const count = buf.readUInt32LE(16);
  const keysBytes = buf.readUInt32LE(20);
  const valuesBytes = buf.readUInt32LE(24);
  const keysAt = HEADER_BYTES + count * 32;
  if (count === 0 || buf.length !== keysAt + keysBytes + valuesBytes) return undefined;
  const keys = buf.toString('utf8', keysAt, keysAt + keysBytes);
  const values = buf.toString('utf8', keysAt + keysBytes);
  let nums: Float64Array;
  if (new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f) {
    // little-endian host: a view (copied first when the buffer is not 8-byte aligned)
    const at = buf.byteOffset + HEADER_BYTES;
    nums = at % 8 === 0 ? new Float64Array(buf.buffer, at, count * 4) : new Float64Array(new Uint8Array(buf.subarray(HEADER_BYTES, keysAt)).buffer);
  } else {
    nums = new Float64Array(count * 4);
    for (let i = 0; i < count * 4; i++) nums[i] = buf.readDoubleLE(HEADER_BYTES + i * 8);
  }
  return StateEntries.of(count, keys, values, nums);
}
