// Experiments stored in git, like DVC's refs/exps: each is a commit whose parent is the base commit and whose
// tree is the base's plus the experiment's params files, pipeline.lock, metrics and plot data, and
// `.pipe-exp.json` (the record). Shared with `git push origin 'refs/exps/*:refs/exps/*'`.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Value } from '../stage.js';
import { readCommitBlobs } from './commit-blobs.js';
import type { ParamSet } from './sweep.js';

export const EXP_REF_PREFIX = 'refs/exps/';
export const RECORD_FILE = '.pipe-exp.json';

/** What `.pipe-exp.json` holds. */
export interface ExpRecord {
  readonly name: string;
  /** The base commit (full hash). */
  readonly base: string;
  /** ISO time the experiment finished. */
  readonly created: string;
  readonly sets: readonly ParamSet[];
  /** params file → flattened key → value (every param of the params files). */
  readonly params: Record<string, Record<string, Value>>;
  /** metrics file → flattened key → value. */
  readonly metrics: Record<string, Record<string, Value>>;
  /** dep path → hash over the experiment's pipeline.lock (absent in records written before it was added). */
  readonly deps?: Record<string, string>;
  /** Output of the run (stdout and stderr interleaved), last 64 kB. */
  readonly log: string;
}

export interface StoredExp {
  readonly name: string;
  readonly commit: string;
  readonly record: ExpRecord;
}

function git(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env, input?: string): string {
  return execFileSync('git', args, { cwd, env, encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
}

/** Commits `files` (relative to `dir`, the experiment's worktree, which holds RECORD_FILE) as refs/exps/<name>. */
export function recordExperiment(dir: string, name: string, files: readonly string[]): string {
  const index = path.join(dir, '.pipe-exp-index');
  const env = { ...process.env, GIT_INDEX_FILE: index };
  try {
    git(dir, ['read-tree', 'HEAD'], env);
    const present = [...new Set([RECORD_FILE, ...files])].filter((f) => existsSync(path.join(dir, f)));
    git(dir, ['add', '-f', '--', ...present], env);
    const tree = git(dir, ['write-tree'], env).trim();
    const commit = git(dir, ['commit-tree', tree, '-p', 'HEAD', '-m', `pipe exp: ${name}`], {
      ...env,
      GIT_AUTHOR_NAME: process.env['GIT_AUTHOR_NAME'] ?? 'pipe',
      GIT_AUTHOR_EMAIL: process.env['GIT_AUTHOR_EMAIL'] ?? 'pipe@localhost',
      GIT_COMMITTER_NAME: process.env['GIT_COMMITTER_NAME'] ?? 'pipe',
      GIT_COMMITTER_EMAIL: process.env['GIT_COMMITTER_EMAIL'] ?? 'pipe@localhost',
    }).trim();
    git(dir, ['update-ref', `${EXP_REF_PREFIX}${name}`, commit]);
    return commit;
  } finally {
    rmSync(index, { force: true });
  }
}

/** Every recorded experiment, newest first: one `for-each-ref` and one `cat-file --batch` for all records. */
export function listExperiments(root: string): StoredExp[] {
  const refs = git(root, ['for-each-ref', '--format=%(objectname) %(refname)', EXP_REF_PREFIX])
    .split('\n')
    .filter(Boolean)
    .map((l) => ({ commit: l.slice(0, l.indexOf(' ')), name: l.slice(l.indexOf(' ') + 1 + EXP_REF_PREFIX.length) }));
  const records = readCommitBlobs(root, refs.map((r) => `${r.commit}:${RECORD_FILE}`));
  const exps: StoredExp[] = [];
  refs.forEach((ref, i) => {
    const blob = records[i];
    if (blob !== undefined) exps.push({ name: ref.name, commit: ref.commit, record: JSON.parse(blob.toString('utf8')) as ExpRecord });
  });
  return exps.sort((a, b) => b.record.created.localeCompare(a.record.created) || a.name.localeCompare(b.name));
}

/** The commit of experiment `name`, or undefined. */
export function experimentCommit(root: string, name: string): string | undefined {
  try {
    return git(root, ['rev-parse', '--verify', '--quiet', `${EXP_REF_PREFIX}${name}^{commit}`]).trim();
  } catch {
    return undefined;
  }
}

/** Deletes refs/exps/<name>; false when there is none. */
export function removeExperiment(root: string, name: string): boolean {
  if (experimentCommit(root, name) === undefined) return false;
  git(root, ['update-ref', '-d', `${EXP_REF_PREFIX}${name}`]);
  return true;
}
