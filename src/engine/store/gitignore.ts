// Cached outputs are listed in a .gitignore beside them (DVC's scm.ignore: `/name` in the output's directory),
// unless git already ignores them, and the entry is removed when the output is no longer declared (an empty
// .gitignore is deleted). Only inside a git work tree; written atomically.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { absPath } from '../paths.js';

/** True when `root` lies in a git work tree (a `.git` at or above it). */
export function inGitWorkTree(root: string): boolean {
  for (let dir = root; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}

/** Adds `/name` for root-relative output `rel` to the .gitignore beside it, unless git ignores it already. */
export function ignoreOutput(root: string, rel: string): void {
  const { file, entry } = entryOf(root, rel);
  const lines = readLines(file);
  if (lines.includes(entry) || isIgnored(root, rel)) return;
  writeLines(file, [...lines, entry]);
}

/** Removes the entry of root-relative output `rel` from the .gitignore beside it (deleting an emptied file). */
export function unignoreOutput(root: string, rel: string): void {
  const { file, entry } = entryOf(root, rel);
  const lines = readLines(file);
  if (!lines.includes(entry)) return;
  const kept = lines.filter((l) => l !== entry);
  if (kept.every((l) => l.trim() === '')) rmSync(file, { force: true });
  else writeLines(file, kept);
}

function entryOf(root: string, rel: string): { file: string; entry: string } {
  const abs = absPath(root, rel);
  return { file: path.join(path.dirname(abs), '.gitignore'), entry: `/${path.basename(abs)}` };
}

function isIgnored(root: string, rel: string): boolean {
  try {
    execFileSync('git', ['check-ignore', '-q', '--', rel], { cwd: root, stdio: 'ignore' });
    return true;
  } catch {
    return false; // exit 1: not ignored (or git unavailable: write the entry)
  }
}

function readLines(file: string): string[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

function writeLines(file: string, lines: readonly string[]): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, lines.join('\n') + '\n');
  renameSync(tmp, file);
}
