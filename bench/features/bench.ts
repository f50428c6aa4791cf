// Throughput of `pipe features` sets on many short clips: clips per second and real-time factor, 1 worker and all.
// Usage (after `npx tsc`): node dist/bench/features/bench.js [--clips 1000] [--seconds 0.4] [--sets egemaps,mfcc]
// Each run reads, decodes and extracts every file through `extractFeatures`, as `pipe features` does (worker start-up
// included). CPU time counts every thread of the process, so it stays meaningful on a busy machine where wall time
// does not; the real-time factor is CPU seconds per audio second.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { extractFeatures } from '../../src/features/extract.js';
import { featureSet } from '../../src/features/registry.js';

const SAMPLE_RATE_HZ = 16000;

/** One-core anchors measured on the project's 2-core machine (issue #3; the tools are not installed here) and goals. */
const ANCHORS: Record<string, string> = {
  egemaps: 'openSMILE SMILExtract ≈ 14 ms CPU per audio s; goal ≤ 30',
  mfcc: 'librosa ≈ 2.4 ms per 0.4 s clip; goal ≤ 1.5 ms per clip',
};

/** A 16-bit mono PCM WAV of the samples (benchmark inputs only). */
function pcm16Wav(samples: Float32Array, sampleRateHz: number): Uint8Array {
  const out = new Uint8Array(44 + 2 * samples.length);
  const v = new DataView(out.buffer);
  const ascii = (offset: number, text: string): void => [...text].forEach((c, i) => v.setUint8(offset + i, c.charCodeAt(0)));
  ascii(0, 'RIFF'); v.setUint32(4, 36 + 2 * samples.length, true); ascii(8, 'WAVE');
  ascii(12, 'fmt '); v.setUint32(16, 16, true); v.setUint16(20, 1, true); v.setUint16(22, 1, true);
  v.setUint32(24, sampleRateHz, true); v.setUint32(28, 2 * sampleRateHz, true); v.setUint16(32, 2, true); v.setUint16(34, 16, true);
  ascii(36, 'data'); v.setUint32(40, 2 * samples.length, true);
  samples.forEach((x, i) => v.setInt16(44 + 2 * i, Math.round(Math.max(-1, Math.min(1, x)) * 32767), true));
  return out;
}

/** A voiced-like clip: harmonics of a gliding f0 (250–450 Hz, seeded per clip) plus a little noise. */
function clip(index: number, seconds: number): Float32Array {
  let seed = (index + 1) * 2654435761;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) - 0.5;
  const n = Math.round(seconds * SAMPLE_RATE_HZ), f0 = 250 + 200 * (random() + 0.5);
  const out = new Float32Array(n);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    phase += (2 * Math.PI * f0 * (1 + (0.2 * i) / n)) / SAMPLE_RATE_HZ;
    let x = 0;
    for (let h = 1; h <= 8; h++) x += Math.sin(h * phase) / h;
    out[i] = 0.2 * Math.sin((Math.PI * i) / n) * x + 0.01 * random();
  }
  return out;
}

async function available(set: string): Promise<boolean> {
  try {
    const extractor = await featureSet(set).open({});
    await extractor.close();
    return true;
  } catch {
    return false;
  }
}

interface Timing {
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
}

/** Times one cold run in a fresh process, as `pipe features` runs: worker start-up and JIT warm-up included. */
function timeRun(set: string, listFile: string, workers: number): Timing {
  const script = fileURLToPath(import.meta.url);
  const out = execFileSync(process.execPath, [script, '--child', set, '--workers', String(workers), '--list', listFile], { encoding: 'utf8' });
  return JSON.parse(out) as Timing;
}

/** Child mode: extract the listed files and print wall and CPU seconds (all threads of this process) as JSON. */
async function child(set: string, listFile: string, workers: number): Promise<void> {
  const files = readFileSync(listFile, 'utf8').split('\n');
  const cpu = process.cpuUsage();
  const started = performance.now();
  await extractFeatures({ set, files, workers });
  const used = process.cpuUsage(cpu);
  process.stdout.write(JSON.stringify({ wallSeconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6 }));
}

const { values } = parseArgs({
  options: {
    clips: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '0.4' },
    sets: { type: 'string', default: 'egemaps,mfcc' },
    child: { type: 'string' },
    workers: { type: 'string', default: '1' },
    list: { type: 'string', default: '' },
  },
});
if (values.child !== undefined) {
  await child(values.child, values.list, Number(values.workers));
  process.exit(0);
}
const clips = Number(values.clips), seconds = Number(values.seconds);
const cores = availableParallelism();
const dir = mkdtempSync(join(tmpdir(), 'pipe-bench-features-'));
try {
  const files = Array.from({ length: clips }, (_, i) => {
    const path = join(dir, `clip${String(i).padStart(5, '0')}.wav`);
    writeFileSync(path, pcm16Wav(clip(i, seconds), SAMPLE_RATE_HZ));
    return path;
  });
  const listFile = join(dir, 'files.txt');
  writeFileSync(listFile, files.join('\n'));
  console.log(`${clips} clips of ${seconds} s at ${SAMPLE_RATE_HZ / 1000} kHz (${(clips * seconds).toFixed(0)} s of audio), ${cores} cores; default params; read + decode + extract\n`);
  console.log('| set | workers | wall s | clips/s | CPU ms per clip | CPU ms per audio s | real-time factor (CPU) | wall speed-up | anchor (one core) |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const set of values.sets.split(',')) {
    if (!(await available(set))) {
      console.log(`| ${set} | – | n/a (not in this build) | | | | | | |`);
      continue;
    }
    let oneWorkerWall = 0;
    for (const workers of [...new Set([1, cores])]) {
      const { wallSeconds, cpuSeconds } = timeRun(set, listFile, workers);
      if (workers === 1) oneWorkerWall = wallSeconds;
      const cpuMsPerClip = (cpuSeconds * 1000) / clips;
      const cells = [set, workers, wallSeconds.toFixed(2), (clips / wallSeconds).toFixed(0), cpuMsPerClip.toFixed(3), (cpuMsPerClip / seconds).toFixed(2),
        (cpuSeconds / (clips * seconds)).toExponential(2), `${(oneWorkerWall / wallSeconds).toFixed(2)}×`, workers === 1 ? (ANCHORS[set] ?? '') : ''];
      console.log(`| ${cells.join(' | ')} |`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
