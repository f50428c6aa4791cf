// Paths no stage may declare as an output: pipe removes an output before its stage runs and links it into the
// cache afterwards, so an output naming the repository, the cache, pipe's state or a config file (or a folder
// holding one of them) would wipe it. Checked at load time, reported at the output's file:line:col.
import { toRootRelative } from '../paths.js';
import type { RawStage } from './schema.js';

/** Directories (any path component with this name) and root files pipe or git depend on. */
const RESERVED_DIRS = ['.git', '.pipe', '.dvc'];
const RESERVED_ROOT = ['cache', 'pipeline.yaml', 'pipeline.lock', 'params.yaml', '.gitignore'];

/** A reserved output of `raw`: where it is declared and what it would overwrite. */
export interface ReservedOutput {
  readonly key: 'outs' | 'metrics' | 'plots';
  readonly index: number;
  readonly path: string;
  readonly reserved: string;
}

/** The first output of `raw` that is, contains or lies inside a reserved path; `extra` adds files (params). */
export function findReservedOutput(root: string, wdir: string, raw: RawStage, extra: readonly string[]): ReservedOutput | undefined {
  for (const key of ['outs', 'metrics', 'plots'] as const) {
    for (const [index, entry] of (raw[key] ?? []).entries()) {
      for (const p of typeof entry === 'string' ? [entry] : Object.keys(entry)) {
        const rel = toRootRelative(root, wdir, p);
        if (rel === undefined) continue; // reported as outside the project
        const reserved = reservedBy(rel, extra);
        if (reserved !== undefined) return { key, index, path: p, reserved };
      }
    }
  }
  return undefined;
}

/** What root-relative output `rel` would overwrite, or undefined. */
export function reservedBy(rel: string, extra: readonly string[] = []): string | undefined {
  const parts = rel.split('/');
  const dir = parts.find((part) => RESERVED_DIRS.includes(part));
  if (dir !== undefined) return `'${parts.slice(0, parts.indexOf(dir) + 1).join('/')}'`;
  for (const file of [...RESERVED_ROOT, ...extra]) {
    if (rel === file || file.startsWith(`${rel}/`) || (file === 'cache' && rel.startsWith('cache/'))) return `'${file}'`;
  }
  return undefined;
}
