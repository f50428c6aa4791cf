// The real server on a free loopback port, called over HTTP: happy paths, bad uploads, unsafe ZIPs, tokens.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../audio/wav-encode.js';
import { Rng } from '../ml/index.js';
import { classFrequencyHz, toneClip, writeTinyBundle } from '../../test/support/tiny-bundle.js';
import { loadServeConfig, startServer, type Server } from './index.js';
import { makeZip } from '../../test/support/make-zip.js';

const ADMIN = 'admin-token-0123456789';
const PREDICTOR = 'predictor-token-0123456789';
const VIEWER = 'viewer-token-0123456789';

let tmp: string;
let server: Server;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'pipe-serve-'));
  await writeTinyBundle(join(tmp, 'model'));
  const configPath = join(tmp, 'serve.yaml');
  await writeFile(configPath, [
    'tokens:',
    `  - { token: ${ADMIN}, role: admin, name: ops }`,
    `  - { token: ${VIEWER}, role: viewer }`,
    'public: [health]',
    'limits: { max_file_bytes: 2000000, max_request_bytes: 4000000, max_files: 8, max_zip_total_bytes: 3000000 }',
  ].join('\n'));
  const config = loadServeConfig(configPath, { PIPE_SERVE_TOKENS: `${PREDICTOR}:predictor` });
  server = await startServer({ modelDir: join(tmp, 'model'), host: '127.0.0.1', port: 0, workers: 1, config });
  await server.ready;
});
afterAll(async () => {
  await server?.close();
  await rm(tmp, { recursive: true, force: true });
});

/** The JSON bodies the server sends, as far as these tests read them. */
interface Chunk {
  start_s: number;
  end_s: number;
}
interface ApiJson {
  results: { file_name: string; probabilities: Record<string, number>; chunks?: Chunk[] }[];
  error: { code: string; message: string; file?: string };
  model: { name: string; feature_set: string; version: string };
  uptime_s: number;
  openapi: string;
  paths: Record<string, unknown>;
}

function wav(frequencyHz: number, durationS: number, seed = 1): Uint8Array {
  return encodeWav(toneClip(frequencyHz, durationS, new Rng(seed)).samples, { sampleRateHz: 16000 });
}

async function call(path: string, init: { method?: string; token?: string; form?: FormData; headers?: Record<string, string>; body?: Uint8Array } = {}) {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(`${server.url}${path}`, { method: init.method ?? (init.form || init.body ? 'POST' : 'GET'), headers, body: init.form ?? (init.body as Uint8Array<ArrayBuffer> | undefined) });
  const text = await res.text();
  expect(text).not.toMatch(/\n\s+at |node_modules/); // never a stack trace
  const json = res.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as ApiJson) : undefined;
  return { status: res.status, json, text };
}

function form(field: string, files: [string, Uint8Array][]): FormData {
  const f = new FormData();
  for (const [name, bytes] of files) f.append(field, new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
  return f;
}

describe('pipe serve over HTTP', () => {
  it('reports health publicly, with model name, feature set and version', async () => {
    const { status, json } = await call('/health');
    expect(status).toBe(200);
    expect(json?.model).toMatchObject({ name: 'model', feature_set: 'mfcc' });
    expect(json?.model.version).toMatch(/^[0-9a-f]{12}$/);
    expect(typeof json?.uptime_s).toBe('number');
  });

  it('predicts short and long WAVs: labels, probabilities and 0.4 s chunks', async () => {
    const rng = new Rng(5);
    const files: [string, Uint8Array][] = [['short.wav', wav(classFrequencyHz(2, rng), 0.4)], ['long.wav', wav(classFrequencyHz(4, rng), 1.0)]];
    const { status, json } = await call('/predict', { token: PREDICTOR, form: form('files', files) });
    expect(status).toBe(200);
    const [short, long] = json!.results;
    expect(short!.file_name).toBe('short.wav');
    expect(short!.chunks).toBeUndefined();
    expect(Object.values(short!.probabilities).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(long!.chunks?.map((c) => [c.start_s, c.end_s])).toEqual([[0, 0.4], [0.4, 0.8], [0.8, 1]]);
    expect(Object.keys(long!.probabilities)).toEqual(['Canonical', 'Crying', 'Junk', 'Laughing', 'Non-canonical']);
  });

  it('refuses a non-WAV upload (415), a truncated WAV (422) and no files (400)', async () => {
    const notWav = await call('/predict', { token: PREDICTOR, form: form('files', [['notes.txt', new TextEncoder().encode('hello, not audio')]]) });
    expect(notWav.status).toBe(415);
    expect(notWav.json?.error).toMatchObject({ code: 'not-wav', file: 'notes.txt' });
    const truncated = await call('/predict', { token: PREDICTOR, form: form('files', [['cut.wav', wav(300, 0.4).slice(0, 2000)]]) });
    expect(truncated.status).toBe(422);
    expect(truncated.json?.error).toMatchObject({ code: 'truncated', file: 'cut.wav' });
    const cut = await call('/predict', { token: PREDICTOR, headers: { 'content-type': 'multipart/form-data; boundary=xyz' }, body: new TextEncoder().encode('--xyz\r\nContent-Disposition: form-data; name="files"; filename="a.wav"\r\n\r\nRIFF') });
    expect([cut.status, cut.json?.error.code]).toEqual([400, 'bad-multipart']);
    const noBoundary = await call('/predict', { token: PREDICTOR, headers: { 'content-type': 'multipart/form-data' }, body: new Uint8Array(4) });
    expect([noBoundary.status, noBoundary.json?.error.code]).toEqual([400, 'bad-multipart']);
    const none = await call('/predict', { token: PREDICTOR, form: form('other', [['a.wav', wav(300, 0.4)]]) });
    expect(none.status).toBe(400);
    expect(none.json?.error.code).toBe('no-files');
  });

  it('refuses oversized bodies and files with 413', async () => {
    const big = new Uint8Array(5_000_000);
    const body = await call('/predict', { token: PREDICTOR, form: form('files', [['big.wav', big]]) });
    expect(body.status).toBe(413);
    expect(body.json?.error.code).toBe('body-too-large');
    const file = await call('/predict', { token: PREDICTOR, form: form('files', [['big.wav', big.subarray(0, 2_500_000)]]) });
    expect(file.status).toBe(413);
    expect(file.json?.error.code).toBe('file-too-large');
    // A chunked body (no Content-Length) is cut off once its files add up past max_request_bytes.
    const chunkedForm = new Response(form('files', [1, 2, 3].map((i) => [`c${i}.wav`, big.subarray(0, 1_900_000)] as [string, Uint8Array])));
    const chunked = await fetch(`${server.url}/predict`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PREDICTOR}`, 'content-type': chunkedForm.headers.get('content-type')! },
      body: chunkedForm.body,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(((await chunked.json()) as { error: { code: string } }).error.code).toBe('body-too-large');
    const many = await call('/predict', { token: PREDICTOR, form: form('files', Array.from({ length: 9 }, (_, i) => [`f${i}.wav`, wav(300, 0.3)] as [string, Uint8Array])) });
    expect(many.status).toBe(413);
    expect(many.json?.error.code).toBe('too-many-files');
  });

  it('predicts every *.wav inside a ZIP', async () => {
    const zip = makeZip([{ name: 'session/a.wav', data: wav(200, 0.4) }, { name: 'readme.txt', data: new Uint8Array(10) }, { name: 'b.WAV', data: wav(900, 0.6) }]);
    const { status, json } = await call('/predict_zip', { token: PREDICTOR, form: form('file', [['batch.zip', zip]]) });
    expect(status).toBe(200);
    expect(json?.results.map((r) => r.file_name)).toEqual(['session/a.wav', 'b.WAV']);
  });

  it('refuses unsafe ZIPs: ../ entries, symlinks, bombs, non-ZIPs', async () => {
    const post = (zip: Uint8Array) => call('/predict_zip', { token: PREDICTOR, form: form('file', [['x.zip', zip]]) });
    const traversal = await post(makeZip([{ name: '../../etc/evil.wav', data: wav(200, 0.4) }]));
    expect(traversal.status).toBe(400);
    expect(traversal.json?.error.code).toBe('zip-unsafe-path');
    const link = await post(makeZip([{ name: 'link.wav', data: new TextEncoder().encode('/etc/passwd'), symlink: true }]));
    expect(link.status).toBe(400);
    expect(link.json?.error.code).toBe('zip-symlink');
    const bomb = await post(makeZip([{ name: 'bomb.wav', data: new Uint8Array(50_000_000) }]));
    expect(bomb.status).toBe(400);
    expect(bomb.json?.error.code).toBe('zip-suspicious-ratio');
    const wide = await post(makeZip(Array.from({ length: 4 }, (_, i) => ({ name: `n${i}.wav`, data: Uint8Array.from({ length: 900_000 }, (_, j) => (j * 7919 + i) % 251) }))));
    expect(wide.status).toBe(413);
    expect(wide.json?.error.code).toBe('zip-too-large');
    const lying = await post(makeZip([{ name: 'lie.wav', data: new Uint8Array(3_000_000), declaredSize: 1000 }]));
    expect([lying.status, lying.json?.error.code]).toEqual([413, 'zip-too-large']);
    expect(lying.json?.error.message).toMatch(/inflates beyond its declared size/);
    const crowded = await post(makeZip(Array.from({ length: 1001 }, (_, i) => ({ name: `d/${i}.txt`, data: new Uint8Array(1) }))));
    expect([crowded.status, crowded.json?.error.code]).toEqual([413, 'zip-too-many-entries']);
    const junk = await post(new TextEncoder().encode('PK but not really a zip file'));
    expect(junk.status).toBe(415);
    expect(junk.json?.error.code).toBe('zip-not-zip');
  });

  it('checks tokens and roles: 401 missing or invalid, 403 under-privileged', async () => {
    const f = () => form('files', [['a.wav', wav(300, 0.4)]]);
    expect((await call('/predict', { form: f() })).json?.error.code).toBe('missing-token');
    const invalid = await call('/predict', { token: 'not-a-real-token-000000', form: f() });
    expect([invalid.status, invalid.json?.error.code]).toEqual([401, 'invalid-token']);
    const viewer = await call('/predict', { token: VIEWER, form: f() });
    expect([viewer.status, viewer.json?.error.code]).toEqual([403, 'forbidden']);
    expect((await call('/metrics')).status).toBe(401);
    expect((await call('/metrics', { token: VIEWER })).status).toBe(200);
    expect((await call('/admin/reload', { method: 'POST', token: PREDICTOR })).status).toBe(403);
    const apiKey = await call('/predict', { headers: { 'x-api-key': PREDICTOR }, form: f() });
    expect(apiKey.status).toBe(200);
  });

  it('keeps serving after all that, reloads for admins, and exposes the study metrics', async () => {
    const long = await call('/predict', { token: PREDICTOR, form: form('files', [['long.wav', wav(500, 13, 9)]]) });
    expect(long.json?.results[0]?.chunks).toHaveLength(33); // 32 full chunks + the last 0.2 s
    const reload = await call('/admin/reload', { method: 'POST', token: ADMIN });
    expect(reload.status).toBe(200);
    expect((await call('/health')).status).toBe(200);
    await call('/predict', { token: PREDICTOR, form: form('files', [['long.wav', wav(500, 13, 9)]]) });
    const { text } = await call('/metrics', { token: VIEWER });
    expect(text).toMatch(/vocalbaby_request_total\{method="POST",endpoint="\/predict",status="200"\} \d+/);
    expect(text).toMatch(/vocalbaby_request_total\{method="POST",endpoint="\/predict",status="415"\} 1/);
    expect(text).toMatch(/vocalbaby_request_latency_seconds_bucket\{le="0.05",method="POST",endpoint="\/predict"\}/);
    expect(text).toMatch(/vocalbaby_prediction_errors_total\{error_type="not-wav"\} 1/);
    expect(text).toMatch(/vocalbaby_prediction_errors_total\{error_type="zip-unsafe-path"\} 1/);
    expect(text).toMatch(/vocalbaby_model_info\{feature_set="mfcc",version="[0-9a-f]{12}",model="model"\} 1/);
    expect(text).toMatch(/vocalbaby_active_predictions 0/);
    expect(text).toMatch(/vocalbaby_drift_score\{feature_set="mfcc"\} (0|1|0\.\d+)/);
  });

  it('serves an OpenAPI document and JSON 404s', async () => {
    const doc = await call('/openapi.json', { token: VIEWER });
    expect(doc.json?.openapi).toBe('3.1.0');
    expect(Object.keys(doc.json?.paths ?? {})).toContain('/predict_zip');
    const missing = await call('/nope');
    expect([missing.status, missing.json?.error.code]).toEqual([404, 'not-found']);
  });
});

describe('pipe serve without a usable model', () => {
  it('answers 503 on /health and /predict, naming the problem', async () => {
    const config = loadServeConfig(undefined, {});
    const broken = await startServer({ modelDir: join(tmpdir(), 'no-such-model-dir'), host: '127.0.0.1', port: 0, workers: 1, config });
    try {
      await broken.ready;
      const health = await fetch(`${broken.url}/health`);
      expect(health.status).toBe(503);
      expect(((await health.json()) as { error: string }).error).toMatch(/no-such-model-dir\/bundle\.json: missing/);
      const predict = await fetch(`${broken.url}/predict`, { method: 'POST', body: form('files', [['a.wav', wav(300, 0.4)]]) });
      expect(predict.status).toBe(503);
    } finally {
      await broken.close();
    }
  });
});
