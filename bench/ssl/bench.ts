// Real-time factor of the SSL embedder on a base-size (HuBERT-base / wav2vec2-base) model with seeded random
// weights, written to a temp dir at run time: 100 clips of 0.4 s (batched) and one 30 s clip.
// Usage: npx tsx bench/ssl/bench.ts [--threads N] [--batch-size N] [--device auto|cpu|cuda] [--repeat N]
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSslEmbedder, SSL_SAMPLE_RATE_HZ, type SslEmbedder } from '../../src/ssl/embedder.js';
import { BASE_ARCHITECTURE, createRandomCheckpoint } from '../../test/support/random-checkpoint.js';
import type { SslDevice } from '../../src/ssl/runtime.js';

/** ≈ GFLOP per audio second of the base model (a rough estimate, used only for the GFLOP/s column). */
const GFLOP_PER_AUDIO_SECOND = 14;

interface Case {
  readonly label: string;
  readonly clips: Float32Array[];
}

/** Seeded pseudo-random audio (a xorshift32 sequence scaled to ±0.5). */
function noise(length: number, seed: number): Float32Array {
  let state = seed >>> 0 || 1;
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = ((state >>> 0) / 4294967296 - 0.5);
  }
  return out;
}

/** CPU seconds (user + system, all threads) this process has used. */
function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** Best wall time and best CPU time over `repeat` runs of one case, in seconds. */
async function timeCase(embedder: SslEmbedder, item: Case, repeat: number): Promise<{ wallS: number; cpuS: number }> {
  let wallS = Infinity;
  let cpuS = Infinity;
  for (let r = 0; r < repeat; r++) {
    const started = performance.now();
    const startedCpu = cpuSeconds();
    const rows = await embedder.embed(item.clips);
    wallS = Math.min(wallS, (performance.now() - started) / 1000);
    cpuS = Math.min(cpuS, cpuSeconds() - startedCpu);
    if (rows.some((row) => !row.ok)) throw new Error(`${item.label}: a clip produced no embedding`);
  }
  return { wallS, cpuS };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      threads: { type: 'string', default: '0' },
      'batch-size': { type: 'string', default: '32' },
      device: { type: 'string', default: 'auto' },
      repeat: { type: 'string', default: '3' },
    },
  });
  const devices: readonly SslDevice[] = ['auto', 'cpu', 'cuda'];
  const device = devices.find((d) => d === values.device);
  if (device === undefined) throw new RangeError(`--device must be auto, cpu or cuda, got ${values.device}`);
  const dir = await mkdtemp(join(tmpdir(), 'ssl-bench-'));
  try {
    let started = performance.now();
    await createRandomCheckpoint(dir, BASE_ARCHITECTURE, 1);
    const writeS = (performance.now() - started) / 1000;
    started = performance.now();
    const embedder = await openSslEmbedder(dir, { device, threads: Number(values.threads), batchSize: Number(values['batch-size']) });
    const loadS = (performance.now() - started) / 1000;
    const cases: Case[] = [
      { label: '100 clips × 0.4 s', clips: Array.from({ length: 100 }, (_, i) => noise(0.4 * SSL_SAMPLE_RATE_HZ, i + 1)) },
      { label: '1 clip × 30 s', clips: [noise(30 * SSL_SAMPLE_RATE_HZ, 7)] },
    ];
    await embedder.embed([noise(0.4 * SSL_SAMPLE_RATE_HZ, 999)]); // warm-up
    console.log(`device: ${embedder.provider}; CPU: ${cpus()[0]?.model ?? '?'} (${availableParallelism()} logical cores); threads: ${values.threads === '0' ? 'onnxruntime default' : values.threads}; batch size: ${values['batch-size']}`);
    console.log(`random base checkpoint written in ${writeS.toFixed(1)} s; read + graph build + session in ${loadS.toFixed(1)} s`);
    // CPU time shows what the cores did when other processes share them; it includes onnxruntime's spin-waiting.
    console.log('| case | audio (s) | wall (s) | × real time | ≈ GFLOP/s | CPU (s) | audio s per CPU s |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const item of cases) {
      const audioS = item.clips.reduce((sum, clip) => sum + clip.length, 0) / SSL_SAMPLE_RATE_HZ;
      const { wallS, cpuS } = await timeCase(embedder, item, Number(values.repeat));
      const rtf = audioS / wallS;
      const cells = [item.label, audioS.toFixed(1), wallS.toFixed(3), `${rtf.toFixed(1)}×`, (rtf * GFLOP_PER_AUDIO_SECOND).toFixed(0), cpuS.toFixed(2), (audioS / cpuS).toFixed(2)];
      console.log(`| ${cells.join(' | ')} |`);
    }
    console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    await embedder.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
