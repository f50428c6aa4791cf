// The S3 remote against s3rver on loopback: push from one clone, pull into a fresh one byte for byte, a second
// push sends nothing, a tampered object is refused, multipart uploads, and each fault is one line.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { hashBytes } from '../../src/engine/hash/hash-file.js';
import { StateCache } from '../../src/engine/hash/state-cache.js';
import { S3Remote } from '../../src/engine/remote/s3-remote.js';
import { CorruptRemoteObject, downloadVerified } from '../../src/engine/remote/verified-download.js';
import { ObjectCache } from '../../src/engine/store/object-cache.js';
import type { Rig } from '../engine/rig.js';
import { cloneOf, expectCacheConsistent, expectPushResumed, expectSameOutputs, killMidway, producer } from './remote-rig.js';
import { startFlakyProxy } from './flaky-proxy.js';
import { startS3Server, type S3Server } from './s3-server.js';

let server: S3Server;
let a: Rig;
const cleanup: (() => void)[] = [];
beforeAll(async () => {
  server = await startS3Server();
});
afterAll(async () => server.stop());

async function addRemote(rig: Rig, name: string, url: string, key = 'S3RVER'): Promise<void> {
  expect((await rig.pipe(['remote', 'add', '-d', name, url])).code).toBe(0);
  expect((await rig.pipe(['remote', 'modify', name, 'endpointurl', server.endpoint])).code).toBe(0);
  expect((await rig.pipe(['remote', 'modify', '--local', name, 'access_key_id', key])).code).toBe(0);
  expect((await rig.pipe(['remote', 'modify', '--local', name, 'secret_access_key', 'S3RVER'])).code).toBe(0);
}

/** A clone with the committed config plus its own local credentials (config.local.yaml is not in git). */
async function clone(): Promise<Rig> {
  const b = cloneOf(a);
  cleanup.push(() => b.cleanup());
  for (const [k, v] of [['access_key_id', 'S3RVER'], ['secret_access_key', 'S3RVER']]) {
    expect((await b.pipe(['remote', 'modify', '--local', 'lab', k ?? '', v ?? ''])).code).toBe(0);
  }
  return b;
}

beforeEach(async () => {
  a = producer();
  cleanup.push(() => a.cleanup());
  expect((await a.pipe(['repro'])).code).toBe(0);
  await addRemote(a, 'lab', `s3://${server.bucket}/cache-${randomBytes(4).toString('hex')}`);
});
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

describe('S3 remote (s3rver on loopback)', () => {
  test('push, pull into a fresh clone byte for byte; resumable; status --cloud', async () => {
    const push = await a.pipe(['push']);
    expect(push.code, push.stderr).toBe(0);
    expect(push.stdout).toMatch(/push: [1-9]\d* object\(s\) uploaded/);
    expect((await a.pipe(['push'])).stdout).toMatch(/push: 0 object\(s\) uploaded/);
    expect((await a.pipe(['status', '--cloud'])).stdout).toContain('in sync');
    const b = await clone();
    const pull = await b.pipe(['pull']);
    expect(pull.code, pull.stderr).toBe(0);
    expectSameOutputs(a, b);
  });

  test('an object changed on the server is refused on pull, in one line', async () => {
    expect((await a.pipe(['push'])).code).toBe(0);
    const hash = /out\/model\.txt\n\s+xxh128: ([0-9a-f]{32})/.exec(a.read('pipeline.lock'))?.[1] ?? '';
    const url = /url: (s3:\/\/[^\s,}]+)/.exec(a.read('.pipe/config.yaml'))?.[1] ?? '';
    const prefix = url.replace(`s3://${server.bucket}/`, '');
    const client = new S3Client({ region: 'us-east-1', endpoint: server.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    await client.send(new PutObjectCommand({ Bucket: server.bucket, Key: `${prefix}/objects/${hash.slice(0, 2)}/${hash.slice(2)}`, Body: 'tampered' }));
    client.destroy();
    const b = await clone();
    const pull = await b.pipe(['pull']);
    expect(pull.code).not.toBe(0);
    expect(pull.stderr.trim().split('\n')).toEqual([expect.stringContaining('do not match their hash (corrupt)')]);
    expect(b.exists('out/model.txt')).toBe(false);
  });

  test('wrong credentials, a missing bucket and an unreachable endpoint are one line each', async () => {
    await addRemote(a, 'badkey', `s3://${server.bucket}/x`, 'WRONG');
    const denied = await a.pipe(['push', '-r', 'badkey']);
    expect(denied.code).not.toBe(0);
    expect(denied.stderr.trim().split('\n')).toEqual([expect.stringMatching(/remote 'badkey': .*(denied|credentials)/)]);
    await addRemote(a, 'nobucket', 's3://no-such-bucket/x');
    const missing = await a.pipe(['push', '-r', 'nobucket']);
    expect(missing.stderr.trim().split('\n')).toEqual([expect.stringContaining("bucket 'no-such-bucket' does not exist")]);
    expect((await a.pipe(['remote', 'add', 'down', 's3://lab/x'])).code).toBe(0);
    expect((await a.pipe(['remote', 'modify', 'down', 'endpointurl', 'http://127.0.0.1:9'])).code).toBe(0);
    const down = await a.pipe(['push', '-r', 'down'], { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' });
    expect(down.code).not.toBe(0);
    expect(down.stderr.trim().split('\n')).toEqual([expect.stringContaining('cannot reach the S3 endpoint')]);
  });

  test('a killed push leaves only complete objects and resumes; a killed pull leaves the cache consistent', async () => {
    const big = producer(1500);
    cleanup.push(() => big.cleanup());
    expect((await big.pipe(['repro'])).code).toBe(0);
    const prefix = `resume-${randomBytes(4).toString('hex')}`;
    await addRemote(big, 'lab', `s3://${server.bucket}/${prefix}`);
    await killMidway(big, ['push', '-j', '2'], 50);
    // every key the server lists is a complete object: byte-identical to the local cache object it names
    const remote = await S3Remote.open({ url: `s3://${server.bucket}/${prefix}`, endpointurl: server.endpoint, access_key_id: 'S3RVER', secret_access_key: 'S3RVER' });
    const dir = mkdtempSync(path.join(tmpdir(), 'pipe-s3-kill-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const keys = (await Promise.all(Array.from({ length: 256 }, (_, i) => remote.list(`objects/${i.toString(16).padStart(2, '0')}/`)))).flat();
    expect(keys.length).toBeGreaterThanOrEqual(50);
    expect(keys.length).toBeLessThan(1504);
    for (const key of keys) {
      const back = path.join(dir, 'obj');
      await remote.get(key, back);
      expect(readFileSync(back).equals(readFileSync(path.join(big.dir, 'cache', key))), key).toBe(true);
    }
    await remote.close();
    await expectPushResumed(big, keys.length);

    const b = cloneOf(big);
    cleanup.push(() => b.cleanup());
    for (const [k, v] of [['access_key_id', 'S3RVER'], ['secret_access_key', 'S3RVER']]) expect((await b.pipe(['remote', 'modify', '--local', 'lab', k ?? '', v ?? ''])).code).toBe(0);
    await killMidway(b, ['pull', '-j', '2'], 50);
    const inCache = expectCacheConsistent(big, b);
    expect(inCache).toBeGreaterThanOrEqual(50);
    expect(existsSync(path.join(b.dir, 'out/set'))).toBe(false);
    const rest = await b.pipe(['pull']);
    expect(rest.code, rest.stderr).toBe(0);
    expect(Number(/(\d+) object\(s\) downloaded/.exec(rest.stdout)?.[1])).toBeLessThan(1504 - 49);
    expectSameOutputs(big, b);
  });

  test('transient errors (503 SlowDown) on push and pull are retried with backoff until they pass', async () => {
    // every object key under objects/0…–7… is refused twice per method (the SDK's own retry, then ours) before it goes through
    const proxy = await startFlakyProxy(server.endpoint, /\/objects\/[0-7][0-9a-f]\//, 2);
    cleanup.push(() => void proxy.stop());
    expect((await a.pipe(['remote', 'modify', 'lab', 'endpointurl', proxy.endpoint])).code).toBe(0);
    const push = await a.pipe(['push']);
    expect(push.code, push.stderr).toBe(0);
    const pushRefused = proxy.refused();
    expect(pushRefused).toBeGreaterThan(0);
    const b = await clone();
    const pull = await b.pipe(['pull']);
    expect(pull.code, pull.stderr).toBe(0);
    expect(proxy.refused()).toBeGreaterThan(pushRefused);
    expectSameOutputs(a, b);
  });

  test('a large object goes up in parts and comes back identical', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pipe-s3-mp-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const src = path.join(dir, 'big.bin');
    writeFileSync(src, randomBytes(11 << 20));
    const remote = await S3Remote.open(
      { url: `s3://${server.bucket}/mp`, endpointurl: server.endpoint, access_key_id: 'S3RVER', secret_access_key: 'S3RVER' },
      { multipartAboveBytes: 5 << 20, partBytes: 5 << 20 },
    );
    await remote.put('objects/ab/big', src, 11 << 20);
    expect(remote.stats.requests).toBeGreaterThanOrEqual(1 + 3 + 1);
    expect(await remote.list('objects/ab/')).toEqual(['objects/ab/big']);
    await remote.get('objects/ab/big', path.join(dir, 'back.bin'));
    await remote.close();
    expect(readFileSync(path.join(dir, 'back.bin')).equals(readFileSync(src))).toBe(true);
  });

  test('small objects are verified in memory: a match enters the cache, a same-size or larger tamper does not', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'pipe-s3-mem-'));
    cleanup.push(() => rmSync(root, { recursive: true, force: true }));
    const cache = new ObjectCache(root, StateCache.load(path.join(root, '.pipe')));
    const remote = await S3Remote.open({ url: `s3://${server.bucket}/mem`, endpointurl: server.endpoint, access_key_id: 'S3RVER', secret_access_key: 'S3RVER' });
    const put = async (key: string, bytes: Buffer): Promise<void> => {
      const file = path.join(root, 'upload.bin');
      writeFileSync(file, bytes);
      await remote.put(key, file, bytes.length);
    };
    const good = randomBytes(4096);
    const ref = (bytes: Buffer): { key: string; hash: string; manifest: false; sizeBytes: number } => {
      const hash = hashBytes(bytes);
      return { key: `objects/${hash.slice(0, 2)}/${hash.slice(2)}`, hash, manifest: false, sizeBytes: bytes.length };
    };
    await put(ref(good).key, good);
    expect(await downloadVerified(cache, remote, ref(good))).toBe(4096);
    expect(readFileSync(cache.objectPath(ref(good).hash)).equals(good)).toBe(true);
    const sameSize = randomBytes(4096);
    const larger = randomBytes(8192);
    await put(ref(sameSize).key, Buffer.from(good));
    await put(ref(larger).key, Buffer.concat([larger, larger]));
    for (const bad of [sameSize, larger]) {
      await expect(downloadVerified(cache, remote, ref(bad))).rejects.toBeInstanceOf(CorruptRemoteObject);
      expect(existsSync(cache.objectPath(ref(bad).hash))).toBe(false);
    }
    const left = readdirSync(path.join(root, 'cache'), { recursive: true }).map(String);
    expect(left.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await remote.close();
  });
});
