// Reads many `<commit>:<path>` blobs with one `git cat-file --batch` (200 experiments' records and locks in one
// process instead of 400).
import { execFileSync } from 'node:child_process';

/** The content of each `<rev>:<path>` spec, in order; undefined where git has no such object. */
export function readCommitBlobs(root: string, specs: readonly string[]): (Buffer | undefined)[] {
  if (specs.length === 0) return [];
  const out = execFileSync('git', ['cat-file', '--batch'], { cwd: root, input: specs.map((s) => `${s}\n`).join(''), maxBuffer: 1 << 30 });
  const blobs: (Buffer | undefined)[] = [];
  let at = 0;
  for (let i = 0; i < specs.length; i++) {
    const nl = out.indexOf(10, at);
    const header = out.subarray(at, nl).toString('utf8');
    at = nl + 1;
    if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
      blobs.push(undefined);
      continue;
    }
    const size = Number(header.split(' ')[2]);
    blobs.push(out.subarray(at, at + size));
    at += size + 1;
  }
  return blobs;
}
