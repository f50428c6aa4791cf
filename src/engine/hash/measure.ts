// Measures a workspace path: a file's hash, or a directory's hash over its sorted (relative path, hash) list,
// consulting the state cache so unchanged files are only stat'ed.
import { readdirSync } from 'node:fs';
import { absPath } from '../paths.js';
import { statFile, type FileStat } from './fast-stat.js';
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

/**
 * The directory hash, memoised in the state cache under `rel/` keyed by a cheap 64-bit digest (plus length) of
 * the listing, so that an unchanged directory needs neither the listing text nor the xxh3 binding. The memo key
 * is only a lookup key, never a content address.
 */
function dirHash(rel: string, entries: readonly DirEntry[], state: StateCache): string {
  const key = memoKey(entries);
  const memo = state.lookupMemo(`${rel}/`);
  if (memo !== undefined && memo.startsWith(`${key}:`)) return memo.slice(key.length + 1);
  const hash = hashBytes(listingText(entries));
  state.recordMemo(`${rel}/`, `${key}:${hash}`);
  return hash;
}

/**
 * FNV-1a-style mixing, in two independent 32-bit lanes, of the UTF-16 code units of the listing text
 * (`path\0hash\n` per entry) plus its length in code units; read from the entries without building the text.
 */
function memoKey(entries: readonly DirEntry[]): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  let length = 0;
  const mix = (c: number): void => {
    a = Math.imul(a ^ c, 0x01000193) ^ (a >>> 13);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  };
  for (const e of entries) {
    const { path, hash } = e;
    for (let i = 0; i < path.length; i++) mix(path.charCodeAt(i));
    mix(0);
    for (let i = 0; i < hash.length; i++) mix(hash.charCodeAt(i));
    mix(10);
    length += path.length + hash.length + 2;
  }
  return `${(a >>> 0).toString(16)}${(b >>> 0).toString(16)}.u${length}`;
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
  const entries: DirEntry[] = [];
  walk(root, rel, '', state, trusted, entries);
  // names are visited in sorted order, so a flat directory comes out sorted already; nested ones may not
  // ('a/x' sorts after 'a-b'), hence the check
  if (!isSorted(entries)) entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  let size = 0;
  for (const e of entries) size += e.size;
  return { kind: 'dir', hash: dirHash(rel, entries, state), size, nfiles: entries.length, entries };
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
