// Changed deps: dep hashes of a lock compared with the baseline's; records without `deps` fall back to the lock.
import { describe, expect, it } from 'vitest';
import type { LockFile } from '../store/lock-types.js';
import { changedDeps, lockDepHashes } from './changed-deps.js';
import { parseLockText } from './commit-locks.js';

function lock(deps: Record<string, string>): LockFile {
  const records = Object.entries(deps).map(([path, hash]) => ({ path, hash, size: 1 }));
  return { stages: { a: { cmd: ['x'], deps: records.slice(0, 1), params: {}, outs: [] }, b: { cmd: ['y'], deps: records.slice(1), params: {}, outs: [] } } };
}

describe('changedDeps', () => {
  it('lists deps whose hash differs or that the baseline lacks, sorted', () => {
    const base = lockDepHashes(lock({ 'data.csv': 'h1', 'prep.txt': 'h2', 'train.py': 'h3' }));
    const exp = lockDepHashes(lock({ 'data.csv': 'h1', 'train.py': 'h3', 'prep.txt': 'h9', 'new.txt': 'h4' }));
    expect(changedDeps(base, exp)).toEqual(['new.txt', 'prep.txt']);
    expect(changedDeps(base, base)).toEqual([]);
    expect(changedDeps(base, new Map())).toEqual([]);
  });

  it('reads dep hashes from lock text as pipe writes it; a broken lock reads as none', () => {
    const text = 'schema: pipe-1\nstages:\n  train:\n    cmd: echo hi > out.txt\n    deps:\n      - path: params.yaml\n        xxh128: 89cb548ce8c9c3163f958f84b9002113\n        size: 5\n    outs:\n      - path: out.txt\n        xxh128: f4d0497cf9394caab34d1a3ab2bece70\n        size: 3\n';
    const parsed = parseLockText('pipeline.lock', text);
    expect(parsed === undefined ? undefined : Object.fromEntries(lockDepHashes(parsed))).toEqual({ 'params.yaml': '89cb548ce8c9c3163f958f84b9002113' });
    expect(parseLockText('pipeline.lock', 'stages: [')).toBeUndefined();
  });
});
