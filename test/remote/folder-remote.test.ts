// The folder remote end to end through the CLI: config commands, push from one clone and pull into a fresh one
// (byte for byte), resumable push after a kill, a corrupt remote object refused, the run-cache shared.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { waitFor, type Rig } from '../engine/rig.js';
import { cloneOf, expectPushResumed, expectSameOutputs, listFiles, producer } from './remote-rig.js';

let a: Rig;
let remoteDir: string;
const cleanup: (() => void)[] = [];
beforeEach(async () => {
  a = producer();
  remoteDir = mkdtempSync(path.join(tmpdir(), 'pipe-remote-'));
  cleanup.push(() => a.cleanup(), () => rmSync(remoteDir, { recursive: true, force: true }));
  expect((await a.pipe(['repro'])).code).toBe(0);
  expect((await a.pipe(['remote', 'add', '-d', 'shared', remoteDir])).code).toBe(0);
});
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

function clone(): Rig {
  const b = cloneOf(a);
  cleanup.push(() => b.cleanup());
  return b;
}

describe('pipe remote (config)', () => {
  test('add, modify, list, default and remove edit .pipe/config.yaml; --local keeps credentials apart', async () => {
    expect(parse(a.read('.pipe/config.yaml'))).toEqual({ remote: { shared: { url: remoteDir } }, core: { remote: 'shared' } });
    expect((await a.pipe(['remote', 'add', 'lab', 's3://bucket/cache'])).code).toBe(0);
    expect((await a.pipe(['remote', 'modify', 'lab', 'endpointurl', 'http://127.0.0.1:9000'])).code).toBe(0);
    expect((await a.pipe(['remote', 'modify', '--local', 'lab', 'secret_access_key', 's3cret'])).code).toBe(0);
    expect(a.read('.pipe/config.local.yaml')).toContain('secret_access_key: s3cret');
    expect(a.read('.pipe/config.yaml')).not.toContain('s3cret');
    const list = await a.pipe(['remote', 'list']);
    expect(list.stdout).toContain(`shared\t${remoteDir}\t(default)`);
    expect(list.stdout).toContain('lab\ts3://bucket/cache');
    const bad = await a.pipe(['remote', 'modify', 'lab', 'colour', 'blue']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toEqual([expect.stringContaining("remote option 'colour' is unknown")]);
    const badPort = await a.pipe(['remote', 'modify', 'lab', 'port', 'seventy']);
    expect(badPort.code).not.toBe(0);
    expect((await a.pipe(['remote', 'add', 'lab', '/x'])).stderr).toContain("remote 'lab' already exists");
    expect((await a.pipe(['remote', 'default', 'lab'])).code).toBe(0);
    expect((await a.pipe(['remote', 'default'])).stdout).toBe('lab\n');
    expect((await a.pipe(['remote', 'remove', 'lab'])).code).toBe(0);
    expect((await a.pipe(['remote', 'list'])).stdout).not.toContain('lab');
    expect((await a.pipe(['remote', 'default'])).code).not.toBe(0);
  });
});

describe('folder remote', () => {
  test('push, then pull into a fresh clone gives the same outputs byte for byte; a second push sends nothing', async () => {
    const push = await a.pipe(['push']);
    expect(push.code).toBe(0);
    expect(push.stdout).toMatch(/push: (\d+) object\(s\) uploaded/);
    expect((await a.pipe(['status', '--cloud'])).stdout).toContain('in sync');
    expect((await a.pipe(['push'])).stdout).toMatch(/push: 0 object\(s\) uploaded .*, \d+ already on remote 'shared'/);
    const b = clone();
    const st = await b.pipe(['status', '--cloud']);
    expect(st.stdout).toContain('deleted: out/model.txt');
    const pull = await b.pipe(['pull', '--progress']);
    expect(pull.code, pull.stderr).toBe(0);
    expect(pull.stderr).toMatch(/fetch: (\d+)\/\1 objects, [\d.]+ KiB\/[\d.]+ KiB/);
    expectSameOutputs(a, b);
    expect((await b.pipe(['status'])).stdout).toContain('up to date');
    expect(b.count('train')).toBe(0);
    expect((await b.pipe(['pull'])).stdout).toContain('0 object(s) downloaded');
  });

  test('targets narrow to the named stages\' outputs', async () => {
    expect((await a.pipe(['push', 'train'])).code).toBe(0);
    const b = clone();
    expect((await b.pipe(['pull', 'train'])).code).toBe(0);
    expect(b.exists('out/model.txt')).toBe(true);
    expect(b.exists('out/set')).toBe(false);
    const all = await b.pipe(['pull']);
    expect(all.code).not.toBe(0);
    expect(all.stderr).toContain("are not on remote 'shared'");
  });

  test('a corrupt object on the remote is refused in one line; nothing corrupt enters the cache or workspace', async () => {
    expect((await a.pipe(['push'])).code).toBe(0);
    const hash = /out\/model\.txt\n\s+xxh128: ([0-9a-f]{32})/.exec(a.read('pipeline.lock'))?.[1] ?? '';
    const obj = path.join(remoteDir, 'objects', hash.slice(0, 2), hash.slice(2));
    writeFileSync(obj, 'tampered\n');
    const b = clone();
    const pull = await b.pipe(['pull']);
    expect(pull.code).not.toBe(0);
    expect(pull.stderr.trim().split('\n')).toEqual([expect.stringMatching(/object\(s\) on remote 'shared' do not match their hash \(corrupt\) and were refused/)]);
    expect(existsSync(path.join(b.dir, 'cache/objects', hash.slice(0, 2), hash.slice(2)))).toBe(false);
    expect(b.exists('out/model.txt')).toBe(false);
    expectSameOutputs(a, b, ['out/set']);
  });

  test('a push killed midway leaves only complete objects; the next push sends only what is missing', async () => {
    const big = producer(1500);
    cleanup.push(() => big.cleanup());
    expect((await big.pipe(['repro'])).code).toBe(0);
    expect((await big.pipe(['remote', 'add', '-d', 'shared', remoteDir])).code).toBe(0);
    const child = big.spawn(['push', '-j', '2']);
    await waitFor(() => listFiles(path.join(remoteDir, 'objects')).length >= 50, 'the first uploads');
    child.kill('SIGKILL');
    await new Promise((r) => child.on('close', r));
    const partial = listFiles(path.join(remoteDir, 'objects')).filter((f) => !f.includes('.tmp-'));
    expect(partial.length).toBeLessThan(1503);
    await expectPushResumed(big, partial.length - 1);
    const b = cloneOf(big);
    cleanup.push(() => b.cleanup());
    expect((await b.pipe(['pull'])).code).toBe(0);
    expectSameOutputs(big, b);
  });

  test('the run-cache travels: a teammate\'s repro restores the stage instead of running it', async () => {
    expect((await a.pipe(['push', '--run-cache'])).code).toBe(0);
    const b = clone();
    expect((await b.pipe(['fetch', '--run-cache'])).code).toBe(0);
    b.write('data/in.txt', 'one\n');
    const r = await b.pipe(['repro', 'train']);
    expect(r.code).toBe(0);
    expect(b.count('train')).toBe(0);
    expect(readFileSync(path.join(b.dir, 'out/model.txt'))).toEqual(readFileSync(path.join(a.dir, 'out/model.txt')));
  });

  test('a missing remote folder or an unknown remote is one line, exit 1', async () => {
    expect((await a.pipe(['remote', 'add', 'gone', path.join(remoteDir, 'nope')])).code).toBe(0);
    const r = await a.pipe(['push', '-r', 'gone']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining('does not exist')]);
    const u = await a.pipe(['push', '-r', 'nosuch']);
    expect(u.stderr.trim().split('\n')).toEqual([expect.stringContaining("no remote named 'nosuch'")]);
    chmodSync(remoteDir, 0o755);
  });
});
