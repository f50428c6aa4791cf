// Measures a workspace path: a file's hash, or a directory's hash over its sorted (relative path, hash) list,
// consulting the state cache so unchanged files are only stat'ed and an unchanged directory is confirmed
// against its saved run (quickMeasureDir) without hashing its listing.
import { readdirSync } from 'node:fs';
import { absPath } from '../paths.js';
import { statFile, statInto, type FileStat, type StatRecord } from './fast-stat.js';
import { hashBytes, hashFile } from './hash-file.js';
import type { StatSig, StateCache } from './state-cache.js';

/** One file inside a measured directory; `path` is relative to that directory. */
export interface DirEntry {
  readonly path: string;
  readonly hash: string;
  readonly size: number;
}

export type Measured =
  | { readonly kind: 'file'; readonly hash: string; readonly size: number }
  | { readonly kind: 'dir'; readonly hash: string; readonly size: number; readonly nfiles: number; readonly entries: readonly DirEntry[] };

/** Hash of a directory listing; the listing must be sorted by path. */
export function hashListing(entries: readonly DirEntry[]): string {
  return hashBytes(listingText(entries));
}

function listingText(entries: readonly DirEntry[]): string {
  let text = '';
  for (const e of entries) text += `${e.path}\0${e.hash}\n`;
  return text;
}

/** Measures root-relative `rel`; undefined when nothing exists there. */
export function measure(root: string, rel: string, state: StateCache, trusted = false): Measured | undefined {
  const abs = absPath(root, rel);
  let st: FileStat;
  try {
    st = statFile(abs);
  } catch {
    return undefined;
  }
  if (!st.isDirectory) {
    const { hash, size } = fileHash(rel, abs, st, state, trusted);
    return { kind: 'file', hash, size };
  }
  const quick = quickMeasureDir(abs, rel, state);
  if (quick !== undefined) return quick;
  const walked: DirEntry[] = [];
  walk(root, rel, '', state, trusted, walked);
  const entries = sortedByPath(walked);
  let size = 0;
  for (const e of entries) size += e.size;
  const hash = hashListing(entries);
  state.recordDir(rel, walked, hash);
  return { kind: 'dir', hash, size, nfiles: entries.length, entries };
}

/**
 * Directory `rel` (absolute `abs`) from its saved run in the state cache, when every file the walk meets is the
 * next file of the run, unchanged (same path, same stat, not recorded anew) and the run ends with the walk;
 * undefined otherwise (then it is walked and hashed). One reused stat record, no object per file, and the paths
 * compared a stretch at a time: the no-op path of a large data directory is mostly the stat calls themselves.
 */
export function quickMeasureDir(abs: string, rel: string, state: StateCache): Measured | undefined {
  const run = state.dirRun(rel);
  if (run === undefined) return undefined;
  const st: StatRecord = { ino: 0, size: 0, mtimeMs: 0, ctimeMs: 0, isDirectory: false };
  let at = run.start;
  let size = 0;
  const end = run.start + run.count;
  /** Files of `dirAbs` against the run from `at`; the names of each stretch of files between subdirectories are
   * compared with the run's paths in one go (files: same stat, each checked as it is met). */
  const visit = (dirAbs: string, prefix: string): boolean => {
    const names = readdirSync(dirAbs).sort();
    let from = 0; // first name of the current stretch of files
    let stretchAt = at;
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string;
      statInto(`${dirAbs}/${name}`, st);
      if (st.isDirectory) {
        if (!run.pathsAre(stretchAt, prefix, names, from, i)) return false;
        if (!visit(`${dirAbs}/${name}`, `${prefix}${name}/`)) return false;
        from = i + 1;
        stretchAt = at;
        continue;
      }
      if (at === end || !run.statIs(at, st)) return false;
      size += st.size;
      at++;
    }
    return run.pathsAre(stretchAt, prefix, names, from, names.length);
  };
  try {
    if (!visit(abs, `${rel}/`) || at !== end) return undefined;
  } catch {
    return undefined; // a file gone or unreadable mid-walk: the full walk meets it and reports it
  }
  let entries: readonly DirEntry[] | undefined;
  return {
    kind: 'dir',
    hash: run.hash,
    size,
    nfiles: run.count,
    get entries(): readonly DirEntry[] {
      entries ??= sortedByPath(run.files(rel.length + 1));
      return entries;
    },
  };
}

/**
 * `entries` in path order. Names are visited in sorted order, so a flat directory comes out sorted already;
 * nested ones may not ('a/x' sorts after 'a-b'), hence the check.
 */
function sortedByPath(entries: readonly DirEntry[]): readonly DirEntry[] {
  return isSorted(entries) ? entries : [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function isSorted(entries: readonly DirEntry[]): boolean {
  for (let i = 1; i < entries.length; i++) if ((entries[i - 1]?.path ?? '') >= (entries[i]?.path ?? '')) return false;
  return true;
}

function walk(root: string, base: string, sub: string, state: StateCache, trusted: boolean, into: DirEntry[]): void {
  const dirAbs = absPath(root, sub === '' ? base : `${base}/${sub}`);
  for (const name of readdirSync(dirAbs).sort()) {
    const relInDir = sub === '' ? name : `${sub}/${name}`;
    const rel = `${base}/${relInDir}`;
    const abs = `${dirAbs}/${name}`;
    const st = statFile(abs);
    if (st.isDirectory) {
      walk(root, base, relInDir, state, trusted, into);
      continue;
    }
    const known = state.lookup(rel, st); // the no-op case, kept allocation-light
    if (known !== undefined) {
      into.push({ path: relInDir, hash: known, size: st.size });
      continue;
    }
    const { hash, size } = fileHash(rel, abs, st, state, trusted);
    into.push({ path: relInDir, hash, size });
  }
}

function fileHash(rel: string, abs: string, st: StatSig, state: StateCache, trusted: boolean): { hash: string; size: number } {
  const known = state.lookup(rel, st);
  if (known !== undefined) return { hash: known, size: st.size };
  const hashedAt = Date.now();
  const { hash, size } = hashFile(abs, st.size);
  state.record(rel, st, hash, hashedAt, trusted);
  return { hash, size };
}
