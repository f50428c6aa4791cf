// The SSH remote against Debian's openssh-server on 127.0.0.1:2222, started by .ci/setup.d/40-sshd.sh with a
// throwaway key; skipped, with a message saying why, when that sshd is not running.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Rig } from '../engine/rig.js';
import { cloneOf, expectCacheConsistent, expectPushResumed, expectSameOutputs, killMidway, listFiles, producer } from './remote-rig.js';

const SSHD_DIR = '/tmp/pipe-test-sshd';
const KEY = path.join(SSHD_DIR, 'id_ed25519');
const PORT = 2222;

function listening(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port: PORT });
    socket.setTimeout(2000);
    socket.on('connect', () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => (socket.destroy(), resolve(false)));
  });
}

const available = existsSync(KEY) && (await listening());
if (!available) console.warn(`SSH remote tests skipped: no sshd on 127.0.0.1:${PORT} with key ${KEY} (run .ci/setup.d/40-sshd.sh)`);

let a: Rig;
let remoteDir: string;
const cleanup: (() => void)[] = [];
const user = userInfo().username;

beforeEach(async () => {
  if (!available) return;
  a = producer();
  remoteDir = mkdtempSync(path.join(tmpdir(), 'pipe-ssh-remote-'));
  cleanup.push(() => a.cleanup(), () => rmSync(remoteDir, { recursive: true, force: true }));
  expect((await a.pipe(['repro'])).code).toBe(0);
  expect((await a.pipe(['remote', 'add', '-d', 'lab', `ssh://${user}@127.0.0.1:${PORT}${remoteDir}`])).code).toBe(0);
  expect((await a.pipe(['remote', 'modify', '--local', 'lab', 'keyfile', KEY])).code).toBe(0);
});
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

async function clone(): Promise<Rig> {
  const b = cloneOf(a);
  cleanup.push(() => b.cleanup());
  expect((await b.pipe(['remote', 'modify', '--local', 'lab', 'keyfile', KEY])).code).toBe(0);
  return b;
}

describe.skipIf(!available)('SSH remote (openssh-server on loopback)', () => {
  test('push, pull into a fresh clone byte for byte; a second push sends nothing; a corrupt object is refused', async () => {
    const push = await a.pipe(['push']);
    expect(push.code, push.stderr).toBe(0);
    expect((await a.pipe(['push'])).stdout).toMatch(/push: 0 object\(s\) uploaded/);
    const b = await clone();
    // 64 in flight over 4 sessions: more calls per session than Node's default listener limit, and no warning
    const pull = await b.pipe(['pull', '-j', '64']);
    expect(pull.code, pull.stderr).toBe(0);
    expect(pull.stderr).toBe('');
    expectSameOutputs(a, b);
    const hash = /out\/model\.txt\n\s+xxh128: ([0-9a-f]{32})/.exec(a.read('pipeline.lock'))?.[1] ?? '';
    writeFileSync(path.join(remoteDir, 'objects', hash.slice(0, 2), hash.slice(2)), 'tampered');
    const c = await clone();
    const bad = await c.pipe(['pull']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toEqual([expect.stringContaining('do not match their hash (corrupt)')]);
  });

  test('a killed push leaves only complete objects and resumes; a killed pull leaves the cache consistent', async () => {
    const big = producer(1500);
    cleanup.push(() => big.cleanup());
    expect((await big.pipe(['repro'])).code).toBe(0);
    expect((await big.pipe(['remote', 'add', '-d', 'lab', `ssh://${user}@127.0.0.1:${PORT}${remoteDir}`])).code).toBe(0);
    expect((await big.pipe(['remote', 'modify', '--local', 'lab', 'keyfile', KEY])).code).toBe(0);
    await killMidway(big, ['push', '-j', '2'], 50);
    // what the remote holds under final names is complete: byte-identical to the cache object it names
    const complete = listFiles(path.join(remoteDir, 'objects')).filter((f) => !f.includes('.tmp-'));
    expect(complete.length).toBeGreaterThanOrEqual(50);
    expect(complete.length).toBeLessThan(1504);
    for (const f of complete) {
      const rel = path.relative(remoteDir, f);
      expect(readFileSync(f).equals(readFileSync(path.join(big.dir, 'cache', rel))), rel).toBe(true);
    }
    await expectPushResumed(big, complete.length);

    const b = cloneOf(big);
    cleanup.push(() => b.cleanup());
    expect((await b.pipe(['remote', 'modify', '--local', 'lab', 'keyfile', KEY])).code).toBe(0);
    await killMidway(b, ['pull', '-j', '2'], 50);
    expect(expectCacheConsistent(big, b)).toBeGreaterThanOrEqual(50);
    expect(existsSync(path.join(b.dir, 'out/set'))).toBe(false);
    const rest = await b.pipe(['pull']);
    expect(rest.code, rest.stderr).toBe(0);
    expect(Number(/(\d+) object\(s\) downloaded/.exec(rest.stdout)?.[1])).toBeLessThan(1504 - 49);
    expectSameOutputs(big, b);
  });

  test('a key the server refuses and an unreachable host are one line each', async () => {
    expect((await a.pipe(['remote', 'modify', '--local', 'lab', 'keyfile', path.join(SSHD_DIR, 'host_ed25519')])).code).toBe(0);
    const denied = await a.pipe(['push'], { SSH_AUTH_SOCK: '' });
    expect(denied.code).not.toBe(0);
    expect(denied.stderr.trim().split('\n')).toEqual([expect.stringContaining('refused: check the user and key')]);
    expect((await a.pipe(['remote', 'add', 'down', `ssh://${user}@127.0.0.1:1/x`])).code).toBe(0);
    const down = await a.pipe(['push', '-r', 'down']);
    expect(down.code).not.toBe(0);
    expect(down.stderr.trim().split('\n')).toEqual([expect.stringContaining('cannot reach SSH host')]);
  });
});
