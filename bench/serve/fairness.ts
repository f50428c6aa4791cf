// Fairness under load: a small /predict (0.5 s of audio) sent while four large requests (3 × 150 s each) are
// queued. Prints the small request's latency beside the large ones', with CPU time and load: figures from a
// shared machine are only comparable within one run. Usage: node dist/bench/serve/fairness.js [--workers N]
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeWav } from '../../src/audio/wav-encode.js';
import { toneClip, writeTinyBundle } from '../../test/support/tiny-bundle.js';
import { Rng } from '../../src/ml/index.js';
import { loadServeConfig, startServer } from '../../src/serve/index.js';

const workers = Number(process.argv[process.argv.indexOf('--workers') + 1] ?? 1) || 1;
const tmp = await mkdtemp(join(tmpdir(), 'pipe-fairness-'));
await writeTinyBundle(join(tmp, 'model'));
const config = loadServeConfig(undefined, {});
const server = await startServer({ modelDir: join(tmp, 'model'), host: '127.0.0.1', port: 0, workers, config: { ...config, limits: { ...config.limits, maxRequestBytes: 64e6, maxFileBytes: 8e6 } } });
await server.ready;
const wav = (s: number) => encodeWav(toneClip(440, s, new Rng(1)).samples, { sampleRateHz: 16000 });
const post = async (files: Uint8Array[]): Promise<number> => {
  const form = new FormData();
  files.forEach((f, i) => form.append('files', new Blob([f as Uint8Array<ArrayBuffer>]), `f${i}.wav`));
  const t0 = performance.now();
  const res = await fetch(`${server.url}/predict`, { method: 'POST', body: form });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`status ${res.status}`);
  return performance.now() - t0;
};
// 1 kHz 8-bit: small uploads that cost 150 s of audio each once resampled, so workers are the bottleneck
const big = encodeWav(toneClip(110, 150, new Rng(2), 1000).samples, { sampleRateHz: 1000, encoding: 'pcm8' });
const cpu0 = process.cpuUsage();
const bigs = [0, 1, 2, 3].map(() => post([big, big, big]));
await new Promise((r) => setTimeout(r, 1000)); // the large uploads are received and queued by now
const small = await post([wav(0.5)]);
const bigMs = await Promise.all(bigs);
const cpu = process.cpuUsage(cpu0);
console.log('| request | latency ms |');
console.log('|---|---|');
console.log(`| small (0.5 s audio, sent 1 s after the large ones) | ${small.toFixed(0)} |`);
bigMs.forEach((ms, i) => console.log(`| large ${i + 1} (3 × 150 s) | ${ms.toFixed(0)} |`));
console.log(`\nworkers ${workers}; CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (main thread + workers); load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
await server.close();
await rm(tmp, { recursive: true, force: true });
