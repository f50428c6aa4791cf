// A prediction that runs past its limit: 504 with a JSON error, the worker is replaced, the server keeps serving.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../audio/wav-encode.js';
import { toneClip, writeTinyBundle } from '../../test/support/tiny-bundle.js';
import { Rng } from '../ml/index.js';
import { loadServeConfig, startServer, type Server } from './index.js';

let tmp: string;
let server: Server;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'pipe-serve-timeout-'));
  await writeTinyBundle(join(tmp, 'model'));
  await writeFile(join(tmp, 'serve.yaml'), 'limits: { predict_timeout_ms: 3 }\n');
  server = await startServer({ modelDir: join(tmp, 'model'), host: '127.0.0.1', port: 0, workers: 1, config: loadServeConfig(join(tmp, 'serve.yaml'), {}) });
  await server.ready;
});
afterAll(async () => {
  await server?.close();
  await rm(tmp, { recursive: true, force: true });
});

describe('prediction timeout', () => {
  it('answers 504 and recovers', async () => {
    const long = encodeWav(toneClip(300, 30, new Rng(1)).samples, { sampleRateHz: 16000 });
    const post = async (): Promise<Response> => {
      const form = new FormData();
      form.append('files', new Blob([long as Uint8Array<ArrayBuffer>]), 'long.wav');
      return fetch(`${server.url}/predict`, { method: 'POST', body: form });
    };
    for (let i = 0; i < 2; i++) {
      const res = await post();
      expect(res.status).toBe(504);
      expect(await res.json()).toEqual({ error: { code: 'timeout', message: 'prediction took longer than 3 ms' } });
    }
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/vocalbaby_prediction_errors_total\{error_type="timeout"\} 2/);
  });
});
