import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { createRequire } from 'node:module';
import { hashBytes, hashFile, LEAF_BYTES, TREE_ABOVE } from './hash-file.js';
import { xxh128 } from './xxh3-binding.js';
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
  test('the fast xxh128 entry point equals @node-rs/xxhash xxh3.xxh128 for every length class', () => {
    const { xxh3 } = createRequire(import.meta.url)('@node-rs/xxhash') as typeof import('@node-rs/xxhash');
    const data = Buffer.alloc((1 << 20) + 7);
    for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24;
    const lengths = [0, 1, 3, 4, 8, 9, 16, 17, 128, 129, 240, 241, 1023, 1024, 4096, 65536, 100_000, data.length];
    for (const n of lengths) expect(xxh128(data.subarray(0, n))).toBe(xxh3.xxh128(data.subarray(0, n)));
    for (const s of ['', 'hello', 'é'.repeat(300)]) expect(xxh128(s)).toBe(xxh3.xxh128(s));
  });
  test('files up to 16 MiB hash as plain xxh3-128 of their bytes', () => {
    const data = Buffer.alloc(TREE_ABOVE, 3);
    data[12345] = 9;
    writeFileSync(path.join(dir, 'edge'), data);
    expect(hashFile(path.join(dir, 'edge'))).toEqual({ hash: hashBytes(data), size: TREE_ABOVE });
    expect(hashFile(path.join(dir, 'edge'), TREE_ABOVE)).toEqual({ hash: hashBytes(data), size: TREE_ABOVE });
  });
  test('larger files hash as xxh3-128 of (leaf size, length, xxh3-128 of each 64 KiB leaf)', () => {
    const data = Buffer.alloc(TREE_ABOVE + LEAF_BYTES + 100);
    for (let i = 0; i < data.length; i += 512) data.writeUInt32LE(i, i);
    writeFileSync(path.join(dir, 'tree'), data);
    const parts = [Buffer.alloc(16)];
    parts[0]?.writeBigUInt64LE(BigInt(LEAF_BYTES), 0);
    parts[0]?.writeBigUInt64LE(BigInt(data.length), 8);
    for (let pos = 0; pos < data.length; pos += LEAF_BYTES) {
      const d = Buffer.alloc(16);
      const v = xxh128(data.subarray(pos, pos + LEAF_BYTES));
      d.writeBigUInt64BE(v >> 64n, 0);
      d.writeBigUInt64BE(BigInt.asUintN(64, v), 8);
      parts.push(d);
    }
    expect(hashFile(path.join(dir, 'tree'))).toEqual({ hash: hashBytes(Buffer.concat(parts)), size: data.length });
    expect(hashFile(path.join(dir, 'tree'), data.length)).toEqual(hashFile(path.join(dir, 'tree')));
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
