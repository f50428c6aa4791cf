// The content-addressed cache under cache/: objects/<2>/<30> (files), objects/<2>/<30>.dir (directory
// manifests: [path, hash, size, executable?] rows). Objects are stored once, read-only, and verified before they
// are restored; the workspace gets them by the configured link types (link-file.ts), executable bits kept.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hashFile } from '../hash/hash-file.js';
import { hashListing, measure, type DirEntry, type Measured } from '../hash/measure.js';
import type { StateCache } from '../hash/state-cache.js';
import { absPath } from '../paths.js';
import { writeFileAtomic, writeVia } from './atomic-write.js';
import { copyOrReflink, DEFAULT_LINK_TYPES, placeFile, tryLink, type LinkType } from './link-file.js';
import { soleLink } from './output-safety.js';
import type { FileRecord } from './lock-types.js';

export const CACHE_DIR = 'cache';

/** The project's object store under cache/ (save, check, verify, restore). */
export class ObjectCache {
  readonly dir: string;
  /** Link types tried in order when placing outputs (DVC's cache.type; set from the project config). */
  linkTypes: readonly LinkType[] = DEFAULT_LINK_TYPES;
  constructor(private readonly root: string, private readonly state: StateCache) {
    this.dir = path.join(root, CACHE_DIR);
  }

  /** Absolute path of the object holding content `hash` (`.dir` suffix for manifests). */
  objectPath(hash: string, manifest = false): string {
    return path.join(this.dir, 'objects', hash.slice(0, 2), hash.slice(2) + (manifest ? '.dir' : ''));
  }

  /** True when every object needed to restore `record` is present. */
  has(record: FileRecord): boolean {
    if (record.nfiles === undefined) return existsSync(this.objectPath(record.hash));
    const entries = this.readManifest(record.hash);
    return entries !== undefined && entries.every((e) => existsSync(this.objectPath(e.hash)));
  }

  /**
   * Stores the measured output at root-relative `rel`; `linkable` false copies (persist outputs). The workspace
   * file is hard-linked into the cache only when `hardlink` is the first link type (then it is read-only, as
   * DVC protects it); otherwise the cache gets a copy and the workspace keeps the file the stage wrote.
   * Returns whether the output (a file) is executable.
   */
  save(rel: string, measured: Measured, linkable: boolean): boolean {
    const abs = absPath(this.root, rel);
    const link = linkable && this.linkTypes[0] === 'hardlink';
    let executable = false;
    if (measured.kind === 'file') executable = this.saveFile(abs, measured.hash, link);
    else {
      const rows = measured.entries.map((e) => {
        const exec = this.saveFile(path.join(abs, e.path), e.hash, link);
        return exec ? [e.path, e.hash, e.size, 1] : [e.path, e.hash, e.size];
      });
      this.writeAtomic(this.objectPath(measured.hash, true), JSON.stringify(rows));
    }
    // linking and chmod change ctime: refresh the state so the next run does not re-read the output
    this.refreshState(rel, measured);
    return executable;
  }

  /**
   * Restores `record` at its path, verifying every object's content first; `linkable` false (persist outputs)
   * restores writable copies only. Throws CorruptObject.
   */
  restore(record: FileRecord, linkable: boolean): void {
    const target = absPath(this.root, record.path);
    const types = linkable ? this.linkTypes : this.linkTypes.filter((t) => t === 'reflink' || t === 'copy');
    rmSync(target, { recursive: true, force: true });
    mkdirSync(path.dirname(target), { recursive: true });
    if (record.nfiles === undefined) {
      this.verify(record.hash);
      placeFile(this.objectPath(record.hash), target, types, record.isexec === true);
      this.refreshState(record.path, { kind: 'file', hash: record.hash, size: record.size });
    } else {
      const entries = this.readManifest(record.hash);
      if (entries === undefined || hashListing(entries) !== record.hash) throw new CorruptObject(record.hash);
      const tmp = `${target}.pipe-tmp-${process.pid}`;
      rmSync(tmp, { recursive: true, force: true });
      for (const e of entries) {
        this.verify(e.hash);
        const dest = path.join(tmp, e.path);
        mkdirSync(path.dirname(dest), { recursive: true });
        placeFile(this.objectPath(e.hash), dest, types, e.executable === true);
      }
      mkdirSync(tmp, { recursive: true });
      renameSync(tmp, target);
      this.refreshState(record.path, { kind: 'dir', hash: record.hash, size: record.size, nfiles: entries.length, entries: entries.map((e) => ({ path: e.path, hash: e.hash, size: e.size })) });
    }
  }

  /** Directory listing stored for `hash`, undefined when missing or unreadable. */
  readManifest(hash: string): (DirEntry & { readonly executable?: boolean })[] | undefined {
    try {
      const rows = JSON.parse(readFileSync(this.objectPath(hash, true), 'utf8')) as [string, string, number, 1?][];
      return rows.map(([p, h, s, x]) => (x === 1 ? { path: p, hash: h, size: s, executable: true } : { path: p, hash: h, size: s }));
    } catch {
      return undefined;
    }
  }

  /** Re-hashes an object (through the state cache) and deletes it when its content no longer matches. */
  verify(hash: string): void {
    const obj = this.objectPath(hash);
    const rel = path.relative(this.root, obj).split(path.sep).join('/');
    const m = measure(this.root, rel, this.state);
    if (m === undefined || m.hash !== hash) {
      rmSync(obj, { force: true });
      throw new CorruptObject(hash);
    }
  }

  /** Records the known hashes of a just-saved or just-restored path under its new stat. */
  private refreshState(rel: string, measured: Measured): void {
    const now = Date.now();
    if (measured.kind === 'file') {
      this.state.record(rel, statSync(absPath(this.root, rel)), measured.hash, now, true);
      return;
    }
    for (const e of measured.entries) {
      const fileRel = `${rel}/${e.path}`;
      this.state.record(fileRel, statSync(absPath(this.root, fileRel)), e.hash, now, true);
    }
  }

  /** Stores one file's content (hard-linked when `link`, else copied); returns whether it is executable. */
  private saveFile(abs: string, hash: string, link: boolean): boolean {
    const executable = (statSync(abs).mode & 0o111) !== 0;
    const obj = this.objectPath(hash);
    if (existsSync(obj)) return executable;
    mkdirSync(path.dirname(obj), { recursive: true });
    const tmp = `${obj}.${process.pid}.tmp`;
    rmSync(tmp, { force: true });
    // a file with other hard links is copied, never adopted: the cache must not share an inode with a file
    // outside the output (hardening, test/faults)
    const linked = link && soleLink(abs) && tryLink(abs, tmp);
    writeVia(tmp, obj, () => {
      if (!linked) copyOrReflink(abs, tmp);
      chmodSync(tmp, linked && executable ? 0o555 : 0o444);
    });
    return executable;
  }

  private writeAtomic(file: string, text: string): void {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomic(file, text);
  }
}

/** A cache object whose content does not match its address (broken invariant of the cache, not the user). */
export class CorruptObject extends Error {
  constructor(readonly hash: string) {
    super(`cache object ${hash} is missing or corrupted`);
  }
}
