// Training and inference speed of the SmallCNN (src/nn): seconds per epoch on 2,000 random segments of 0.5 s
// (64 × 56 log-mel frames) at batch 16 with Adam and dropout, on 1 and 2 threads, beside PyTorch's CPU figure;
// then inference ms per segment through onnxruntime (exported model) and through predictProba.
// Usage: npx tsx bench/nn/bench.ts [--epochs N] [--segments N] [--backend auto|wasm|js] [--torch]
//   --torch runs bench/nn/torch_smallcnn.py (needs Debian python3-torch) for the PyTorch column; otherwise the
//   issue's figure (PyTorch 1.13, one thread, 5.3 s per epoch) is cited.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createSmallCnn, exportOnnx, openOnnxClassifier, type NnBackend } from '../../src/nn/index.js';
import { Rng } from '../../src/util/random.js';

const MELS = 64;
const FRAMES = 56;
const BATCH = 16;

const { values } = parseArgs({
  options: {
    epochs: { type: 'string', default: '2' },
    segments: { type: 'string', default: '2000' },
    backend: { type: 'string', default: 'auto' },
    torch: { type: 'boolean', default: false },
  },
});
const epochs = Number(values.epochs);
const segments = Number(values.segments);
const backend = values.backend as 'auto' | NnBackend;

/** CPU seconds of this process, all threads. */
function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

const rng = new Rng(42);
const per = MELS * FRAMES;
const data = Float32Array.from({ length: segments * per }, () => rng.normal());
const labels = Int32Array.from({ length: segments }, () => rng.nextInt(3));
const counts = [0, 0, 0];
for (const l of labels) counts[l] = (counts[l] ?? 0) + 1;
const classWeights = counts.map((c) => 1 / Math.max(1, c));

/** Best epoch (by wall time) of `epochs` over the data set: shuffle, gather batches, train steps. */
async function trainEpochs(threads: number): Promise<{ wallS: number; cpuS: number; backend: string }> {
  const model = await createSmallCnn({ seed: 1, threads, backend });
  const order = Int32Array.from({ length: segments }, (_, i) => i);
  const batchData = new Float32Array(BATCH * per);
  const batchLabels = new Int32Array(BATCH);
  let best = { wallS: Infinity, cpuS: Infinity };
  for (let e = 0; e < epochs; e++) {
    const wall0 = performance.now();
    const cpu0 = cpuSeconds();
    rng.shuffle(order);
    for (let s = 0; s < segments; s += BATCH) {
      const n = Math.min(BATCH, segments - s);
      for (let i = 0; i < n; i++) {
        const row = order[s + i] as number;
        batchData.set(data.subarray(row * per, (row + 1) * per), i * per);
        batchLabels[i] = labels[row] as number;
      }
      model.trainStep({ data: batchData.subarray(0, n * per), n, frames: FRAMES }, batchLabels.subarray(0, n), classWeights, rng);
    }
    const wallS = (performance.now() - wall0) / 1000;
    if (wallS < best.wallS) best = { wallS, cpuS: cpuSeconds() - cpu0 };
  }
  const name = model.backend;
  await model.close();
  return { ...best, backend: name };
}

function torchFigure(threads: number): string {
  if (!values.torch) return threads === 1 ? '5.3 (issue, cited)' : '—';
  try {
    const out = execFileSync(existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3', [new URL('./torch_smallcnn.py', import.meta.url).pathname, String(threads), String(epochs)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const m = /wall ([\d.]+) s\/epoch, cpu ([\d.]+) s\/epoch, eval ([\d.]+) ms/.exec(out);
    return m === null ? 'unparsed' : `${m[1]} wall / ${m[2]} CPU (eval ${m[3]} ms/seg)`;
  } catch (error) {
    return `unavailable (${(error as Error).message.split('\n')[0]})`;
  }
}

console.log(`SmallCNN training, ${segments} segments of 64 × ${FRAMES}, batch ${BATCH}, Adam, dropout 0.3; best of ${epochs} epoch(s); load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('| threads | backend | s/epoch wall | s/epoch CPU | ms/segment CPU | PyTorch 1.13 s/epoch |');
console.log('|---|---|---|---|---|---|');
for (const threads of [1, 2]) {
  const r = await trainEpochs(threads);
  console.log(`| ${threads} | ${r.backend} | ${r.wallS.toFixed(2)} | ${r.cpuS.toFixed(2)} | ${((r.cpuS * 1000) / segments).toFixed(2)} | ${torchFigure(threads)} |`);
}

const model = await createSmallCnn({ seed: 1, backend });
const ort = await openOnnxClassifier(exportOnnx(model.arch, model.stateDict()), { threads: 1 });
const inferRows = Math.min(segments, 1000);
const timeIt = async (label: string, chunk: number, run: (s: number, n: number) => Promise<unknown> | unknown): Promise<void> => {
  await run(0, Math.min(chunk, inferRows));
  const wall0 = performance.now();
  const cpu0 = cpuSeconds();
  for (let s = 0; s < inferRows; s += chunk) await run(s, Math.min(chunk, inferRows - s));
  const wallMs = performance.now() - wall0;
  const cpuMs = (cpuSeconds() - cpu0) * 1000;
  console.log(`| ${label} | ${chunk} | ${(wallMs / inferRows).toFixed(3)} | ${(cpuMs / inferRows).toFixed(3)} |`);
};
console.log(`\nInference, ${inferRows} segments (goal ≤ 1 ms per segment through onnxruntime); load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('| path | batch | ms/segment wall | ms/segment CPU |');
console.log('|---|---|---|---|');
for (const chunk of [1, 64]) await timeIt('onnxruntime, 1 thread', chunk, (s, n) => ort.predictProba({ data: data.subarray(s * per, (s + n) * per), n, frames: FRAMES }));
for (const chunk of [1, 64]) await timeIt(`predictProba (${model.backend})`, chunk, (s, n) => model.predictProba({ data: data.subarray(s * per, (s + n) * per), n, frames: FRAMES }));
await ort.close();
await model.close();
