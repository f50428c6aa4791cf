import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { hashBytes, hashFile } from './hash-file.js';
import { measure } from './measure.js';
import { StateCache } from './state-cache.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pipe-hash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hashing', () => {
  test('small files hash as xxh3-128 of their bytes (32 hex chars)', () => {
    writeFileSync(path.join(dir, 'a.txt'), 'hello');
    expect(hashFile(path.join(dir, 'a.txt'))).toEqual({ hash: hashBytes('hello'), size: 5 });
    expect(hashBytes('hello')).toMatch(/^[0-9a-f]{32}$/);
  });
  test('multi-chunk files hash deterministically and differ by one byte', () => {
    const big = Buffer.alloc((16 << 20) + 10, 7);
    writeFileSync(path.join(dir, 'big1'), big);
    big[big.length - 1] = 8;
    writeFileSync(path.join(dir, 'big2'), big);
    const h1 = hashFile(path.join(dir, 'big1'));
    expect(hashFile(path.join(dir, 'big1'))).toEqual(h1);
    expect(hashFile(path.join(dir, 'big2')).hash).not.toBe(h1.hash);
  });
  test('directory hash depends on names and contents, not on creation order', () => {
    const state = StateCache.load(path.join(dir, '.pipe'));
    mkdirSync(path.join(dir, 'd1/sub'), { recursive: true });
    mkdirSync(path.join(dir, 'd2/sub'), { recursive: true });
    writeFileSync(path.join(dir, 'd1/sub/x'), 'x');
    writeFileSync(path.join(dir, 'd1/y'), 'y');
    writeFileSync(path.join(dir, 'd2/y'), 'y');
    writeFileSync(path.join(dir, 'd2/sub/x'), 'x');
    const a = measure(dir, 'd1', state);
    const b = measure(dir, 'd2', state);
    expect(a).toMatchObject({ kind: 'dir', nfiles: 2, size: 2 });
    expect(a?.hash).toBe(b?.hash);
    writeFileSync(path.join(dir, 'd2/sub/x'), 'z');
    expect(measure(dir, 'd2', state)?.hash).not.toBe(a?.hash);
  });
});
