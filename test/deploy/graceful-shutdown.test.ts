// `pipe serve` on SIGTERM (what `docker stop` / `podman stop` sends): it stops accepting connections, lets the
// requests already in flight finish with their answer, then exits 0.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../src/audio/wav-encode.js';
import { toneClip, writeTinyBundle } from '../support/tiny-bundle.js';
import { Rng } from '../../src/ml/index.js';

const ROOT = join(import.meta.dirname, '../..');
const PIPE = join(ROOT, 'bin/pipe.js');
let tmp: string;

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist/src/serve/predict-worker.js'))) execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT });
  tmp = await mkdtemp(join(tmpdir(), 'pipe-drain-'));
  await writeTinyBundle(join(tmp, 'model'));
});
afterAll(async () => rm(tmp, { recursive: true, force: true }));

/** Starts `pipe serve` on a free loopback port; resolves with its URL once the model is loaded. */
async function startServe(): Promise<{ child: ChildProcess; url: URL; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [PIPE, 'serve', '--model', join(tmp, 'model'), '--port', '0', '--workers', '1', '--log', 'off'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes('model loaded')) resolve();
    });
    void exited.then(() => reject(new Error(`pipe serve exited: ${stderr}`)));
  });
  return { child, url: new URL(/listening on (\S+)/.exec(stderr)![1]!), exited };
}

/** A multipart body with one WAV in the field `files`. */
function multipart(wav: Uint8Array): { body: Buffer; contentType: string } {
  const boundary = 'drain-test-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="clip.wav"\r\nContent-Type: audio/wav\r\n\r\n`;
  return { body: Buffer.concat([Buffer.from(head), wav, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('pipe serve graceful shutdown', () => {
  it('finishes a request in flight at SIGTERM, refuses new connections meanwhile, then exits 0 without waiting for keep-alive clients', async () => {
    const { child, url, exited } = await startServe();
    const { body, contentType } = multipart(encodeWav(toneClip(400, 0.8, new Rng(3)).samples, { sampleRateHz: 16000 }));
    const half = Math.floor(body.length / 2);
    // A keep-alive client (like Prometheus or a browser) would hold its connection open after the answer; the
    // server must close it rather than wait for the client or its own 72 s keep-alive timeout.
    const agent = new Agent({ keepAlive: true, keepAliveMsecs: 60_000 });
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(url, { agent, method: 'POST', path: '/predict', headers: { 'content-type': contentType, 'content-length': body.length } }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.write(body.subarray(0, half));
      // The second half goes out only after SIGTERM: the request is in flight while the server shuts down.
      void sleep(300).then(async () => {
        child.kill('SIGTERM');
        // Once the signal is handled, a new caller is turned away (connection refused, or 503 while closing).
        let late = '';
        for (const started = Date.now(); Date.now() - started < 10_000; await sleep(100)) {
          late = await fetch(`${url.origin}/health`).then((r) => `answered ${r.status}`, (e: Error) => `refused (${(e.cause as Error | undefined)?.message ?? e.message})`);
          if (late !== 'answered 200') break;
        }
        expect(late).toMatch(/^refused|^answered 503/);
        req.end(body.subarray(half));
      }).catch(reject);
    });
    const { status, text } = await answer;
    expect(status).toBe(200);
    expect((JSON.parse(text) as { results: { file_name: string }[] }).results[0]?.file_name).toBe('clip.wav');
    const answeredAt = Date.now();
    expect(await exited).toBe(0);
    expect(Date.now() - answeredAt).toBeLessThan(5000); // not the 72 s of fastify's keep-alive timeout
    agent.destroy();
  });
});
