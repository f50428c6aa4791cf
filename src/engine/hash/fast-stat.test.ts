import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { statFile } from './fast-stat.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pipe-fstat-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('statFile gives exactly the fs.statSync fields the state cache compares', () => {
  writeFileSync(path.join(dir, 'f'), 'hello');
  mkdirSync(path.join(dir, 'd'));
  for (const p of [path.join(dir, 'f'), path.join(dir, 'd'), dir]) {
    const st = statSync(p);
    expect(statFile(p)).toEqual({ ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, isDirectory: st.isDirectory() });
  }
  writeFileSync(path.join(dir, 'f'), 'changed!');
  expect(statFile(path.join(dir, 'f')).size).toBe(8);
  expect(() => statFile(path.join(dir, 'missing'))).toThrow();
});
