// Large files are tree-hashed by several threads; the address must not depend on the thread count and must
// equal the sequential one. Uses the built dist/ (the worker runs compiled JavaScript).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const built = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/src/engine/hash/hash-file.js');

test.skipIf(!existsSync(built))('the tree hash is the same for any number of threads, and equals sequential hashing', async () => {
  const { hashFile } = (await import(built)) as { hashFile: (f: string, size?: number, threads?: number) => { hash: string; size: number } };
  const dir = mkdtempSync(path.join(tmpdir(), 'pipe-phash-'));
  try {
    const file = path.join(dir, 'big.bin');
    const data = Buffer.alloc((130 << 20) + 12345); // not a whole number of leaves or work units
    for (let i = 0; i + 4 <= data.length; i += 4096) data.writeUInt32LE(i, i);
    writeFileSync(file, data);
    const sequential = hashFile(file);
    expect(sequential.size).toBe(data.length);
    for (const threads of [1, 2, 3, 5, 16]) expect(hashFile(file, data.length, threads)).toEqual(sequential);
    expect(hashFile(file, data.length)).toEqual(sequential); // default: all cores
    data[data.length - 1] = 1;
    writeFileSync(file, data);
    expect(hashFile(file, data.length, 3).hash).not.toBe(sequential.hash);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
