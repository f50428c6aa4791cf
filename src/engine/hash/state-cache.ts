// The state cache: (inode, size, mtime, ctime) → content hash, so an unchanged file is never re-read.
// Stored in .pipe/state.bin, a compact binary file read with one call and no per-entry parsing:
//   16-byte magic, u32 LE entry count, u32 LE keys length, u32 LE values length, 4 bytes padding, then 4
//   float64 (LE) per entry (ino, size, mtimeMs, ctimeMs; NaN for memo entries), then the keys (UTF-8, one per
//   line) and the values (hashes or memo values, one per line), in the same order.
// Rewritten atomically (temp name + rename) when it changed.
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

const same = (e: StatSig, st: StatSig): boolean => e.ino === st.ino && e.size === st.size && e.mtimeMs === st.mtimeMs && e.ctimeMs === st.ctimeMs;

/** In-memory view of .pipe/state.bin: path → stat signature + hash, plus memo entries. */
export class StateCache {
  readonly #loaded: StateEntries;
  /** Entries recorded in this process; they take precedence over loaded ones. */
  readonly #changed = new Map<string, Entry>();
  readonly #used = new Set<string>();
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
    if (i === undefined) return undefined;
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
    if (i === undefined) return undefined;
    const n = this.#loaded.nums;
    const hit = n[i * 4] === st.ino && n[i * 4 + 1] === st.size && n[i * 4 + 2] === st.mtimeMs && n[i * 4 + 3] === st.ctimeMs;
    return hit ? this.#loaded.value(i) : undefined;
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

  /** A memoised value stored under `key` (keys ending in '/' never clash with file paths). */
  lookupMemo(key: string): string | undefined {
    this.#used.add(key);
    return this.#get(key)?.value;
  }

  /** Stores a memoised value. */
  recordMemo(key: string, value: string): void {
    if (this.#get(key)?.value === value) return;
    this.#changed.set(key, { ino: Number.NaN, size: Number.NaN, mtimeMs: Number.NaN, ctimeMs: Number.NaN, value });
    this.#dirty = true;
  }

  /** Writes the state back (temp name + rename) when anything was recorded. */
  save(): void {
    if (!this.#dirty) return;
    mkdirSync(this.dir, { recursive: true });
    const prune = this.#size > PRUNE_ABOVE;
    const kept: [string, Entry][] = [];
    for (let i = 0; i < this.#loaded.count; i++) {
      const k = this.#loaded.key(i);
      if (!this.#changed.has(k) && (!prune || this.#used.has(k))) kept.push([k, this.#get(k) as Entry]);
    }
    for (const [k, e] of this.#changed) if (!prune || this.#used.has(k)) kept.push([k, e]);
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
}

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
