// A directory confirmed from its saved run (quickMeasureDir) must give exactly what walking and hashing it
// gives, and every change inside it must send it back to the full walk.
import { mkdirSync, mkdtempSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { measure, quickMeasureDir, type Measured } from './measure.js';
import { StateCache } from './state-cache.js';

const top = mkdtempSync(path.join(tmpdir(), 'pipe-dirrun-'));
afterAll(() => rmSync(top, { recursive: true, force: true }));
let root = '';
let n = 0;

/** Files written with an mtime in the past, so the state cache records them (not "racy"). */
function write(rel: string, text: string): void {
  const abs = path.join(root, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, text);
  const past = new Date(Date.now() - 60_000 - n++ * 1000);
  utimesSync(abs, past, past);
}

const pipeDir = (): string => path.join(root, '.pipe');
const plain = (m: Measured | undefined) => m && { ...m, entries: [...(m.kind === 'dir' ? m.entries : [])] };

/** Waits out the state cache's racy window: a file's ctime is always "now" when written. */
function settle(): void {
  const until = Date.now() + 10;
  while (Date.now() < until);
}

/** Measures `rel` in a fresh process's state and saves it, as one `pipe` command would. */
function run(rel: string): Measured | undefined {
  settle();
  const state = StateCache.load(pipeDir());
  const m = measure(root, rel, state);
  state.save();
  return plain(m);
}

/** What a full walk gives with no saved state at all. */
function fresh(rel: string): Measured | undefined {
  return plain(measure(root, rel, StateCache.load(path.join(root, 'no-state'))));
}

const quick = (rel: string): Measured | undefined => plain(quickMeasureDir(path.join(root, rel), rel, StateCache.load(pipeDir())));

beforeEach(() => {
  root = mkdtempSync(path.join(top, 'p-'));
  // nested names whose walk order differs from path order: 'a/x' is walked before 'a-b', sorts after it
  for (const f of ['data/a/x', 'data/a/y/z', 'data/a-b', 'data/b', 'data/ü c', 'other/f']) write(f, `content of ${f}`);
});

describe('directories confirmed from their saved run', () => {
  test('after one walk, the next command confirms the directory with the same hash, size, count and entries', () => {
    const first = run('data');
    expect(first).toEqual(fresh('data'));
    expect(quick('data')).toEqual(first);
    expect(run('data')).toEqual(first);
    expect(quick('data/a')).toBeUndefined(); // never measured on its own: no run of its own yet
  });

  test('every change inside the directory falls back to the full walk, which sees it', () => {
    const changes: [string, () => void][] = [
      ['edit in place', () => write('data/a/y/z', 'other content!!')],
      ['same size, new mtime', () => write('data/b', 'CONTENT of data/b')],
      ['file added', () => write('data/a/new', 'n')],
      ['file added after the last', () => write('data/zz', 'n')],
      ['file removed', () => rmSync(path.join(root, 'data/a-b'))],
      ['last file removed', () => rmSync(path.join(root, 'data/ü c'))],
      ['nested file removed', () => rmSync(path.join(root, 'data/a/y/z'))],
      ['file renamed', () => renameSync(path.join(root, 'data/b'), path.join(root, 'data/c'))],
      ['directory renamed, same walk order (its files keep their stat)', () => renameSync(path.join(root, 'data/a/y'), path.join(root, 'data/a/y2'))],
      ['file replaced by a directory', () => (rmSync(path.join(root, 'data/b')), write('data/b/inner', 'x'))],
    ];
    for (const [what, change] of changes) {
      root = mkdtempSync(path.join(top, 'c-'));
      for (const f of ['data/a/x', 'data/a/y/z', 'data/a-b', 'data/b', 'data/ü c']) write(f, `content of ${f}`);
      run('data');
      expect(quick('data'), what).toBeDefined();
      change();
      expect(quick('data'), what).toBeUndefined();
      const after = run('data');
      expect(after, what).toEqual(fresh('data'));
      expect(quick('data'), what).toEqual(after); // and the next command is quick again
    }
  });

  test('a file recorded anew in this process (a stage rewrote it) is not taken from the run', () => {
    run('data');
    const state = StateCache.load(pipeDir());
    write('data/b', 'rewritten by a stage');
    settle();
    expect(measure(root, 'data/b', state)?.hash).toBe(fresh('data/b')?.hash);
    expect(quickMeasureDir(path.join(root, 'data'), 'data', state)).toBeUndefined();
    expect(plain(measure(root, 'data', state))).toEqual(fresh('data'));
    // the same stat recorded with another hash in this process (only a bug could do it) is not overruled by the run
    run('data');
    const again = StateCache.load(pipeDir());
    expect(quickMeasureDir(path.join(root, 'data'), 'data', again)).toBeDefined();
    const st = statSync(path.join(root, 'data/a-b'));
    again.record('data/a-b', st, 'f'.repeat(32), Date.now(), true);
    expect(quickMeasureDir(path.join(root, 'data'), 'data', again)).toBeUndefined();
  });

  test('a directory measured, then a file in it recorded anew in the same process, keeps no run', () => {
    settle();
    const state = StateCache.load(pipeDir());
    const before = plain(measure(root, 'data', state));
    write('data/b', 'a stage rewrote this');
    settle();
    measure(root, 'data/b', state);
    state.save();
    expect(quick('data')).toBeUndefined(); // the saved run would pair the old listing hash with the new file
    expect(run('data')).toEqual(fresh('data'));
    expect(fresh('data')?.hash).not.toBe(before?.hash);
  });

  test('nested measured directories both keep a run, whichever is measured first; a run broken elsewhere is dropped', () => {
    settle();
    const state = StateCache.load(pipeDir());
    measure(root, 'data/a', state);
    measure(root, 'data', state);
    measure(root, 'other', state);
    state.save();
    expect(quick('data')).toEqual(fresh('data'));
    expect(quick('data/a')).toEqual(fresh('data/a'));
    expect(quick('other')).toEqual(fresh('other'));
    // a later command measures one file of data/ on its own after it changed: data/'s run no longer holds
    write('data/a/x', 'changed');
    settle();
    const later = StateCache.load(pipeDir());
    measure(root, 'data/a/x', later);
    later.save();
    expect(quick('data')).toBeUndefined();
    expect(quick('data/a')).toBeUndefined();
    expect(quick('other')).toEqual(fresh('other')); // moved in the file, still one run
    expect(run('data')).toEqual(fresh('data'));
    expect(quick('data')).toEqual(fresh('data'));
  });

  test('a nested directory not measured again loses its run when its parent re-records one of its files', () => {
    settle();
    const state = StateCache.load(pipeDir());
    measure(root, 'data/a', state);
    measure(root, 'data', state);
    state.save();
    write('data/a/y/z', 'changed, and only the parent is measured');
    run('data');
    const inner = quick('data/a');
    if (inner !== undefined) expect(inner).toEqual(fresh('data/a'));
    expect(run('data/a')).toEqual(fresh('data/a'));
  });

  test('an empty directory added inside changes nothing (a listing holds files), so the run still holds', () => {
    const first = run('data');
    mkdirSync(path.join(root, 'data/a/empty'));
    expect(quick('data')).toEqual(first);
    expect(fresh('data')).toEqual(first);
  });

  test('an empty directory', () => {
    mkdirSync(path.join(root, 'empty'));
    expect(run('empty')).toEqual(fresh('empty'));
    expect(quick('empty')).toEqual(fresh('empty'));
    write('empty/now-not', 'x');
    expect(quick('empty')).toBeUndefined();
    expect(run('empty')).toEqual(fresh('empty'));
  });
});
