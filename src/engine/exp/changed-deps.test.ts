// Changed deps: dep hashes of a lock compared with the baseline's.
import { describe, expect, it } from 'vitest';
import type { LockFile } from '../store/lock-types.js';
import { changedDeps, lockDepHashes } from './changed-deps.js';

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
});
