// The state cache: (inode, size, mtime, ctime) → content hash, so an unchanged file is never re-read.
// Stored in .pipe/state.bin, a compact binary file read with one call and no per-entry number parsing:
//   16-byte magic, u32 LE entry count, u32 LE text length, then 4 float64 (LE) per entry (ino, size, mtimeMs,
//   ctimeMs; NaN for memo entries), then UTF-8 text with one `key\tvalue\n` line per entry, in the same order.
// Rewritten atomically (temp name + rename) when it changed.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const FILE = 'state.bin';
/** The text format of earlier versions, removed on the first save. */
const OLD_FILE = 'state.tsv';
const MAGIC = 'pipe-state-2\0\0\0\0';
const HEADER_BYTES = 24;
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

const same = (e: Entry, st: StatSig): boolean => e.ino === st.ino && e.size === st.size && e.mtimeMs === st.mtimeMs && e.ctimeMs === st.ctimeMs;

/** In-memory view of .pipe/state.bin: path → stat signature + hash, plus memo entries. */
export class StateCache {
  readonly #entries: Map<string, Entry>;
  readonly #used = new Set<string>();
  #dirty = false;

  private constructor(private readonly dir: string, entries: Map<string, Entry>) {
    this.#entries = entries;
  }

  /** Loads the state of the project whose private dir is `pipeDir` (empty when absent, unreadable or malformed). */
  static load(pipeDir: string): StateCache {
    const entries = new Map<string, Entry>();
    try {
      parse(readFileSync(path.join(pipeDir, FILE)), entries);
    } catch {
      entries.clear();
    }
    return new StateCache(pipeDir, entries);
  }

  /** The recorded hash of `rel` when its stat still matches, else undefined. */
  lookup(rel: string, st: StatSig): string | undefined {
    const entry = this.#entries.get(rel);
    if (entry === undefined) return undefined;
    if (this.#entries.size > PRUNE_ABOVE) this.#used.add(rel);
    return same(entry, st) ? entry.value : undefined;
  }

  /**
   * Records `hash` for `rel` as of `st`; skipped when the file changed within RACY_MS of `hashedAtMs`
   * (a rewrite in the same timestamp tick would go unnoticed) unless `trusted` (a finished stage's output).
   */
  record(rel: string, st: StatSig, hash: string, hashedAtMs: number, trusted = false): void {
    if (!trusted && (st.mtimeMs >= hashedAtMs - RACY_MS || st.ctimeMs >= hashedAtMs - RACY_MS)) return;
    this.#used.add(rel);
    const old = this.#entries.get(rel);
    if (old !== undefined && old.value === hash && same(old, st)) return;
    this.#entries.set(rel, { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, value: hash });
    this.#dirty = true;
  }

  /** A memoised value stored under `key` (keys ending in '/' never clash with file paths). */
  lookupMemo(key: string): string | undefined {
    this.#used.add(key);
    return this.#entries.get(key)?.value;
  }

  /** Stores a memoised value. */
  recordMemo(key: string, value: string): void {
    if (this.#entries.get(key)?.value === value) return;
    this.#entries.set(key, { ino: Number.NaN, size: Number.NaN, mtimeMs: Number.NaN, ctimeMs: Number.NaN, value });
    this.#dirty = true;
  }

  /** Writes the state back (temp name + rename) when anything was recorded. */
  save(): void {
    if (!this.#dirty) return;
    mkdirSync(this.dir, { recursive: true });
    const prune = this.#entries.size > PRUNE_ABOVE;
    const kept: [string, Entry][] = [];
    for (const [k, e] of this.#entries) if (!prune || this.#used.has(k)) kept.push([k, e]);
    let text = '';
    for (const [k, e] of kept) text += `${k}\t${e.value}\n`;
    const textBytes = Buffer.byteLength(text);
    const out = Buffer.alloc(HEADER_BYTES + kept.length * 32 + textBytes);
    out.write(MAGIC, 0, 'latin1');
    out.writeUInt32LE(kept.length, 16);
    out.writeUInt32LE(textBytes, 20);
    let at = HEADER_BYTES;
    for (const [, e] of kept) {
      out.writeDoubleLE(e.ino, at);
      out.writeDoubleLE(e.size, at + 8);
      out.writeDoubleLE(e.mtimeMs, at + 16);
      out.writeDoubleLE(e.ctimeMs, at + 24);
      at += 32;
    }
    out.write(text, at, 'utf8');
    const tmp = path.join(this.dir, `${FILE}.${process.pid}.tmp`);
    writeFileSync(tmp, out);
    renameSync(tmp, path.join(this.dir, FILE));
    rmSync(path.join(this.dir, OLD_FILE), { force: true });
    this.#dirty = false;
  }
}

function parse(buf: Buffer, into: Map<string, Entry>): void {
  if (buf.length < HEADER_BYTES || buf.toString('latin1', 0, 16) !== MAGIC) return;
  const count = buf.readUInt32LE(16);
  const textBytes = buf.readUInt32LE(20);
  const textAt = HEADER_BYTES + count * 32;
  if (buf.length !== textAt + textBytes) return;
  // a Float64Array view needs 8-byte alignment; copy the number block when the buffer is not aligned
  const numsAt = buf.byteOffset + HEADER_BYTES;
  const nums = numsAt % 8 === 0 ? new Float64Array(buf.buffer, numsAt, count * 4) : new Float64Array(new Uint8Array(buf.subarray(HEADER_BYTES, textAt)).buffer);
  const lines = buf.toString('utf8', textAt).split('\n');
  if (lines.length !== count + 1) return;
  const littleEndian = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;
  const view = littleEndian ? undefined : new DataView(buf.buffer, numsAt, count * 32);
  for (let i = 0; i < count; i++) {
    const line = lines[i] ?? '';
    const tab = line.indexOf('\t');
    if (tab <= 0) continue;
    const n = (j: number): number => (view === undefined ? (nums[i * 4 + j] ?? Number.NaN) : view.getFloat64(i * 32 + j * 8, true));
    into.set(line.slice(0, tab), { ino: n(0), size: n(1), mtimeMs: n(2), ctimeMs: n(3), value: line.slice(tab + 1) });
  }
}
