import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { StateCache } from './state-cache.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pipe-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('state cache', () => {
  test('a recorded hash survives save/load while the stat is unchanged', () => {
    const file = path.join(dir, 'a');
    writeFileSync(file, 'x');
    const st = statSync(file);
    const state = StateCache.load(path.join(dir, '.pipe'));
    state.record('a', st, 'h1', st.mtimeMs + 1000);
    state.save();
    const again = StateCache.load(path.join(dir, '.pipe'));
    expect(again.lookup('a', statSync(file))).toBe('h1');
  });

  test('a changed stat misses', () => {
    const file = path.join(dir, 'b');
    writeFileSync(file, 'x');
    const state = StateCache.load(path.join(dir, '.pipe'));
    state.record('b', statSync(file), 'h1', Date.now() + 1000);
    writeFileSync(file, 'xy');
    expect(state.lookup('b', statSync(file))).toBeUndefined();
  });

  test('entries hashed in the same tick as their last write are not trusted (racy), unless trusted', () => {
    const file = path.join(dir, 'c');
    writeFileSync(file, 'x');
    const st = statSync(file);
    const state = StateCache.load(path.join(dir, '.pipe'));
    state.record('c', st, 'h1', st.mtimeMs);
    expect(state.lookup('c', st)).toBeUndefined();
    state.record('c', st, 'h2', st.mtimeMs, true);
    expect(state.lookup('c', st)).toBe('h2');
  });

  test('non-ASCII paths and directory runs survive save/load; a damaged file loads empty', () => {
    const file = path.join(dir, 'ü b');
    writeFileSync(file, 'x');
    const st = statSync(file);
    const pipeDir = path.join(dir, '.pipe2');
    const state = StateCache.load(pipeDir);
    state.record('ü b', st, 'h1', st.mtimeMs + 1000);
    state.record('d/ü b', st, 'h1', st.mtimeMs + 1000);
    state.recordDir('d', [{ path: 'ü b', hash: 'h1' }], 'listing-hash');
    state.save();
    const again = StateCache.load(pipeDir);
    expect(again.lookup('ü b', st)).toBe('h1');
    expect(again.dirRun('d')).toMatchObject({ start: 0, count: 1, hash: 'listing-hash' });
    const bytes = readFileSync(path.join(pipeDir, 'state.bin'));
    writeFileSync(path.join(pipeDir, 'state.bin'), bytes.subarray(0, bytes.length - 3));
    expect(StateCache.load(pipeDir).lookup('ü b', st)).toBeUndefined();
  });
});
