// An experiment's isolated copy of the project: a detached git worktree of the base commit under
// .pipe/exps/<name>, with the workspace's params files, pipeline.lock and project config copied in and cache/objects and
// cache/runs symlinked to the project's, so unchanged stages are restored from the shared cache, not rerun.
// Concurrent writers of one cache object are safe: each writes `<object>.<pid>.tmp` and renames it (identical
// content, atomic rename); run-cache entries the same way.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';

export const EXPS_DIR = '.pipe/exps';

/** The project config files: copied so that the worktree is its own project root (findRoot stops at the nearest
 * directory holding one; without them, a `pipe repro` in the worktree would find and run the user's workspace). */
const CONFIG_FILES = ['.pipe/config.yaml', '.pipe/config.local.yaml'];

/** Creates (replacing a stale one) the worktree for `name` at `base`; returns its absolute path. */
export function createExpWorktree(root: string, name: string, base: string, copyFiles: readonly string[]): string {
  const dir = path.join(root, EXPS_DIR, name);
  removeExpWorktree(root, name);
  mkdirSync(path.dirname(dir), { recursive: true });
  execFileSync('git', ['worktree', 'add', '--detach', '--force', dir, base], { cwd: root, stdio: 'ignore' });
  for (const rel of [...CONFIG_FILES, ...copyFiles]) {
    const from = path.join(root, rel);
    if (!existsSync(from)) continue;
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    copyFileSync(from, path.join(dir, rel));
  }
  for (const sub of ['objects', 'runs']) {
    const shared = path.join(root, 'cache', sub);
    mkdirSync(shared, { recursive: true });
    const link = path.join(dir, 'cache', sub);
    mkdirSync(path.dirname(link), { recursive: true });
    rmSync(link, { recursive: true, force: true });
    symlinkSync(shared, link, 'dir');
  }
  return dir;
}

/** Removes the worktree of `name` (and git's record of it); the shared cache is untouched. */
export function removeExpWorktree(root: string, name: string): void {
  const dir = path.join(root, EXPS_DIR, name);
  for (const sub of ['objects', 'runs']) rmSync(path.join(dir, 'cache', sub), { force: true });
  if (existsSync(dir)) {
    try {
      execFileSync('git', ['worktree', 'remove', '--force', dir], { cwd: root, stdio: 'ignore' });
    } catch {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  execFileSync('git', ['worktree', 'prune'], { cwd: root, stdio: 'ignore' });
}
