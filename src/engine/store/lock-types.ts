// The shape of pipeline.lock (DVC's dvc.lock): per stage the cmd, deps with hashes, tracked param values and
// output hashes. Every path is root-relative POSIX (see paths.ts).
import type { Value } from '../stage.js';

/** Version written into the lock and into every fingerprint; bump when hashing or layout changes. */
export const ENGINE_SCHEMA = 'pipe-1';

/** A hashed file or directory (`nfiles` present only for directories). */
export interface FileRecord {
  readonly path: string;
  readonly hash: string;
  readonly size: number;
  readonly nfiles?: number;
  /** An executable file (DVC's `isexec`), restored with its exec bits. */
  readonly isexec?: boolean;
}

export interface LockEntry {
  readonly cmd: readonly string[];
  readonly deps: readonly FileRecord[];
  readonly params: Readonly<Record<string, Readonly<Record<string, Value>>>>;
  readonly outs: readonly FileRecord[];
}

export interface LockFile {
  readonly stages: Readonly<Record<string, LockEntry>>;
}

export const EMPTY_LOCK: LockFile = { stages: {} };
