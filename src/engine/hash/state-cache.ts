// The state cache: (inode, size, mtime, ctime) → content hash, so an unchanged file is never re-read.
// Stored compactly as tab-separated lines in .pipe/state.tsv and rewritten atomically when it changed.
import { mkdirSync, readFileSync, renameSync, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';

const FILE = 'state.tsv';
const HEADER = 'pipe-state-1';
/** Timestamps closer than this to the hashing moment may hide a same-tick rewrite ("racy" entries). */
const RACY_MS = 5;
/** Above this many entries, a save keeps only the entries used in this process (stale paths fall out). */
const PRUNE_ABOVE = 100_000;

/** Signature of the stat fields that change whenever content may have changed. */
function signature(st: Stats): string {
  return `${st.ino}\t${st.size}\t${st.mtimeMs}\t${st.ctimeMs}\t`;
}

/** In-memory view of .pipe/state.tsv: path → stat signature + hash, plus memo entries. */
export class StateCache {
  readonly #entries: Map<string, string>;
  readonly #used = new Set<string>();
  #dirty = false;

  private constructor(private readonly dir: string, entries: Map<string, string>) {
    this.#entries = entries;
  }

  /** Loads the state of the project whose private dir is `pipeDir` (empty when absent or unreadable). */
  static load(pipeDir: string): StateCache {
    const entries = new Map<string, string>();
    let text = '';
    try {
      text = readFileSync(path.join(pipeDir, FILE), 'utf8');
    } catch {
      return new StateCache(pipeDir, entries);
    }
    const lines = text.split('\n');
    if (lines[0] !== HEADER) return new StateCache(pipeDir, entries);
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i] ?? '';
      const tab = line.indexOf('\t');
      if (tab > 0) entries.set(line.slice(0, tab), line.slice(tab + 1));
    }
    return new StateCache(pipeDir, entries);
  }

  /** The recorded hash of `rel` when its stat still matches, else undefined. */
  lookup(rel: string, st: Stats): string | undefined {
    const entry = this.#entries.get(rel);
    if (entry === undefined) return undefined;
    if (this.#entries.size > PRUNE_ABOVE) this.#used.add(rel);
    const sig = signature(st);
    return entry.startsWith(sig) ? entry.slice(sig.length) : undefined;
  }

  /**
   * Records `hash` for `rel` as of `st`; skipped when the file changed within RACY_MS of `hashedAtMs`
   * (a rewrite in the same timestamp tick would go unnoticed) unless `trusted` (a finished stage's output).
   */
  record(rel: string, st: Stats, hash: string, hashedAtMs: number, trusted = false): void {
    if (!trusted && (st.mtimeMs >= hashedAtMs - RACY_MS || st.ctimeMs >= hashedAtMs - RACY_MS)) return;
    const value = signature(st) + hash;
    this.#used.add(rel);
    if (this.#entries.get(rel) === value) return;
    this.#entries.set(rel, value);
    this.#dirty = true;
  }

  /** A memoised value stored under `key` (keys ending in '/' never clash with file paths). */
  lookupMemo(key: string): string | undefined {
    this.#used.add(key);
    return this.#entries.get(key);
  }

  /** Stores a memoised value. */
  recordMemo(key: string, value: string): void {
    if (this.#entries.get(key) === value) return;
    this.#entries.set(key, value);
    this.#dirty = true;
  }

  /** Writes the state back (temp name + rename) when anything was recorded. */
  save(): void {
    if (!this.#dirty) return;
    mkdirSync(this.dir, { recursive: true });
    const prune = this.#entries.size > PRUNE_ABOVE;
    const parts = [HEADER];
    for (const [k, v] of this.#entries) if (!prune || this.#used.has(k)) parts.push(`${k}\t${v}`);
    const tmp = path.join(this.dir, `${FILE}.${process.pid}.tmp`);
    writeFileSync(tmp, parts.join('\n') + '\n');
    renameSync(tmp, path.join(this.dir, FILE));
    this.#dirty = false;
  }
}
