// Large files are hashed by several threads; the address must equal the sequential one. Uses the built
// dist/ (the worker runs compiled JavaScript).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const built = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/src/engine/hash/hash-file.js');

test.skipIf(!existsSync(built))('parallel and sequential hashing agree', async () => {
  const { hashFile } = (await import(built)) as { hashFile: (f: string, size?: number) => { hash: string; size: number } };
  const dir = mkdtempSync(path.join(tmpdir(), 'pipe-phash-'));
  try {
    const file = path.join(dir, 'big.bin');
    const data = Buffer.alloc(130 << 20);
    for (let i = 0; i < data.length; i += 4096) data.writeUInt32LE(i, i);
    writeFileSync(file, data);
    const parallel = hashFile(file, data.length);
    const sequential = hashFile(file);
    expect(parallel).toEqual(sequential);
    expect(parallel.size).toBe(data.length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
