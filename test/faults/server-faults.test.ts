// The server under hostile input and load: crafted WAVs get a 4xx naming the file (no worker crash, bounded
// memory), long audio is refused by its header, a small request is not starved behind large ones, concurrent
// reloads share one load, and a token listed under two roles is a config error.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { encodeWav } from '../../src/audio/wav-encode.js';
import { toneClip, writeTinyBundle } from '../../test/support/tiny-bundle.js';
import { Rng } from '../../src/ml/index.js';
import { loadServeConfig, startServer, type Server } from '../../src/serve/index.js';
import { ServeConfigError } from '../../src/serve/serve-config.js';
import { craftWav, CRAFTED } from './crafted-wavs.js';

const ADMIN = 'admin-token-0123456789';
let tmp: string;
let server: Server;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'pipe-serve-faults-'));
  await writeTinyBundle(join(tmp, 'model'));
  const configPath = join(tmp, 'serve.yaml');
  await writeFile(configPath, [
    'tokens:',
    `  - { token: ${ADMIN}, role: admin }`,
    'limits: { max_file_bytes: 8000000, max_request_bytes: 32000000, max_files: 8, max_file_audio_s: 200, max_request_audio_s: 450 }',
  ].join('\n'));
  const config = loadServeConfig(configPath, {});
  server = await startServer({ modelDir: join(tmp, 'model'), host: '127.0.0.1', port: 0, workers: 1, config });
  await server.ready;
}, 60_000);
afterAll(async () => {
  await server?.close();
  await rm(tmp, { recursive: true, force: true });
});

function tone(durationS: number, seed = 1): Uint8Array {
  return encodeWav(toneClip(440, durationS, new Rng(seed)).samples, { sampleRateHz: 16000 });
}

async function predict(files: { name: string; bytes: Uint8Array }[]): Promise<{ status: number; body: { error?: { code: string; message: string; file?: string } } }> {
  const form = new FormData();
  for (const f of files) form.append('files', new Blob([f.bytes as Uint8Array<ArrayBuffer>]), f.name);
  const res = await fetch(`${server.url}/predict`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` }, body: form });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } };
}

describe('crafted WAVs through the server', () => {
  test('each is a 4xx naming the file and the reason; memory stays bounded; the server still predicts', async () => {
    const before = process.resourceUsage().maxRSS;
    for (const c of CRAFTED) {
      const r = await predict([{ name: c.name, bytes: c.bytes }]);
      expect(r.status).toBe(422);
      expect(r.body.error?.message).toContain(`${c.name}: `);
      expect(r.body.error?.message).toContain(c.message);
      expect(r.body.error?.file).toBe(c.name);
    }
    expect(process.resourceUsage().maxRSS - before).toBeLessThan(200 * 1024); // KiB
    expect((await predict([{ name: 'ok.wav', bytes: craftWav() }])).status).toBe(200);
  });

  test('a rate too low for the feature set (egemaps) is a 422 with the reason, not a 500', async () => {
    await writeTinyBundle(join(tmp, 'egemaps'), { set: 'egemaps', rows: 40 });
    const egemaps = await startServer({ modelDir: join(tmp, 'egemaps'), host: '127.0.0.1', port: 0, workers: 1, config: loadServeConfig(undefined, {}) });
    try {
      await egemaps.ready;
      const form = new FormData();
      form.append('files', new Blob([craftWav({ sampleRateHz: 2000 }) as Uint8Array<ArrayBuffer>]), 'low.wav');
      const res = await fetch(`${egemaps.url}/predict`, { method: 'POST', body: form });
      const body = (await res.json()) as { error: { code: string; message: string; file: string } };
      expect([res.status, body.error.file]).toEqual([422, 'low.wav']);
      expect(body.error.message).toContain('egemaps: sample rate 2000 Hz is below 4000 Hz');
    } finally {
      await egemaps.close();
    }
  }, 60_000);

  test('audio longer than the limits is refused from its header (413)', async () => {
    const long = await predict([{ name: 'long.wav', bytes: craftWav({ data: new Uint8Array(16000 * 2 * 201) }) }]);
    expect([long.status, long.body.error?.code]).toEqual([413, 'too-long']);
    expect(long.body.error?.message).toBe('long.wav: 201.0 s of audio exceeds the limit of 200 s per file');
    const many = await predict([0, 1, 2].map((i) => ({ name: `p${i}.wav`, bytes: craftWav({ data: new Uint8Array(16000 * 2 * 160) }) })));
    expect([many.status, many.body.error?.code]).toEqual([413, 'request-too-long']);
  });
});

describe('fairness', () => {
  test('a small request sent behind four large ones (3 × 100 s of audio) finishes before all but at most one of them', async () => {
    // 1 kHz 8-bit: small uploads (100 KB a file) that cost 100 s of audio each once resampled to 16 kHz, so the
    // workers, not reading the bodies, are the bottleneck
    const big = encodeWav(toneClip(110, 100, new Rng(2), 1000).samples, { sampleRateHz: 1000, encoding: 'pcm8' });
    const order: string[] = [];
    const bigs = [0, 1, 2, 3].map((i) =>
      predict([0, 1, 2].map((j) => ({ name: `big${i}-${j}.wav`, bytes: big }))).then((r) => {
        expect(r.status).toBe(200);
        order.push(`big${i}`);
      }),
    );
    // let the large uploads arrive and queue (a guess, not an assertion: sent earlier, the small one only gains)
    await new Promise((r) => setTimeout(r, 1000));
    const small = predict([{ name: 'small.wav', bytes: tone(0.5) }]).then((r) => {
      expect(r.status).toBe(200);
      order.push('small');
    });
    await Promise.all([...bigs, small]);
    // FIFO would finish it last (index 4); cheapest-first runs it after the task already running
    expect(order.indexOf('small')).toBeLessThanOrEqual(1);
  }, 120_000);
});

describe('/admin/reload', () => {
  test('20 concurrent reloads share one load and all succeed; predictions keep working', async () => {
    const loads = async () => Number(/vocalbaby_model_reloads_total (\d+)/.exec(await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${ADMIN}` } })).text())?.[1] ?? 'NaN');
    const before = await loads();
    const reloads = Array.from({ length: 20 }, () => fetch(`${server.url}/admin/reload`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` } }));
    const during = predict([{ name: 'during.wav', bytes: tone(0.5) }]);
    const statuses = await Promise.all(reloads.map(async (p) => (await p).status));
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect((await during).status).toBe(200);
    expect((await loads()) - before).toBeLessThanOrEqual(2);
  }, 60_000);
});

test('a token listed under two roles is refused', async () => {
  const file = join(tmp, 'dup.yaml');
  await writeFile(file, `tokens:\n  - { token: ${ADMIN}, role: admin, name: ops }\n  - { token: ${ADMIN}, role: viewer, name: dash }\n`);
  expect(() => loadServeConfig(file, {})).toThrow(ServeConfigError);
  expect(() => loadServeConfig(file, {})).toThrow("token 'dash' is also listed as 'ops' (role admin)");
  const single = join(tmp, 'single.yaml');
  await writeFile(single, `tokens:\n  - { token: ${ADMIN}, role: admin }\n`);
  expect(() => loadServeConfig(single, { PIPE_SERVE_TOKENS: `${ADMIN}:viewer` })).toThrow('PIPE_SERVE_TOKENS: token');
});
