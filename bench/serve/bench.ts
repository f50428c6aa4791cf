// Load test of `pipe serve`: throughput and p50/p99 latency of POST /predict with a 0.4 s clip at 1, 8 and 64
// connections (autocannon over loopback), then 10,000 requests at 8 connections watching the server's memory.
// Usage (after `npx tsc`): node dist/bench/serve/bench.js [--model DIR | --set mfcc|egemaps] [--workers N]
//   [--duration 10] [--soak 10000]
// Without --model a tiny bundle of the set (default mfcc, 6 coefficients) is trained on synthetic tones first. The client shares the machine's cores with the server, so
// figures on a small box are noisy and pessimistic.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { encodeWav } from '../../src/audio/wav-encode.js';
import { toneClip, writeTinyBundle } from '../../test/support/tiny-bundle.js';
import { Rng } from '../../src/ml/index.js';
import { runLoad, type LoadResult } from './load.js';

const { values: args } = parseArgs({
  options: {
    model: { type: 'string' },
    set: { type: 'string', default: 'mfcc' },
    workers: { type: 'string', default: String(Math.max(1, availableParallelism())) },
    duration: { type: 'string', default: '10' },
    soak: { type: 'string', default: '10000' },
  },
});

const PIPE = fileURLToPath(new URL('../../../bin/pipe.js', import.meta.url));
const BOUNDARY = 'pipe-bench-boundary';

/** A multipart body with one 0.4 s WAV in the field `files`. */
function predictBody(): Buffer {
  const wav = encodeWav(toneClip(440, 0.4, new Rng(1)).samples, { sampleRateHz: 16000 });
  const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="clip.wav"\r\nContent-Type: audio/wav\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), Buffer.from(wav), Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
}

/** Starts the server on a free port; resolves with its URL once the model is loaded. */
function startServer(modelDir: string, workers: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PIPE, 'serve', '--model', modelDir, '--port', '0', '--workers', workers, '--log', 'off'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let url = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      url ||= /listening on (http:\/\/\S+)/.exec(err)?.[1] ?? '';
      if (err.includes('model loaded')) resolve({ child, url });
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
}

/** Resident and peak memory of a process, in MiB (Linux /proc). */
function memoryMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string): number => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

function row(label: string, r: LoadResult): string {
  return `| ${label.padEnd(22)} | ${r.requests.toString().padStart(8)} | ${r.throughput.toFixed(0).padStart(7)} | ${r.p50Ms.toFixed(1).padStart(7)} | ${r.p99Ms.toFixed(1).padStart(7)} | ${String(r.errors).padStart(6)} |`;
}

const tmp = await mkdtemp(join(tmpdir(), 'pipe-serve-bench-'));
const modelDir = args.model ?? join(tmp, 'model');
if (args.model === undefined) await writeTinyBundle(modelDir, { set: args.set });
const { child, url } = await startServer(modelDir, args.workers);
try {
  const body = predictBody();
  const target = { url: `${url}/predict`, body, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
  await runLoad({ ...target, connections: 8, amount: 300 }); // warm-up
  const duration = Number(args.duration);
  console.log(`pipe serve (${args.model ?? `tiny ${args.set} bundle`}), POST /predict with one 0.4 s WAV (${body.length} B), ${args.workers} workers, ${availableParallelism()} cores, loopback`);
  console.log('| run                    | requests |   req/s | p50 ms  | p99 ms  | errors |');
  console.log('|------------------------|----------|---------|---------|---------|--------|');
  for (const connections of [1, 8, 64]) console.log(row(`${connections} connections, ${duration} s`, await runLoad({ ...target, connections, duration })));
  const before = memoryMiB(child.pid!);
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(memoryMiB(child.pid!).rss), 500);
  const soak = await runLoad({ ...target, connections: 8, amount: Number(args.soak) });
  clearInterval(timer);
  const after = memoryMiB(child.pid!);
  console.log(row(`soak, 8 connections`, soak));
  const third = Math.max(1, Math.floor(samples.length / 3));
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  console.log(`\nserver memory: RSS ${before.rss.toFixed(0)} MiB before the soak, ${after.rss.toFixed(0)} MiB after ${soak.requests} requests ` +
    `(mean of first third ${mean(samples.slice(0, third)).toFixed(0)} MiB, last third ${mean(samples.slice(-third)).toFixed(0)} MiB); peak RSS ${after.peak.toFixed(0)} MiB`);
} finally {
  child.kill('SIGTERM');
  await rm(tmp, { recursive: true, force: true });
}
