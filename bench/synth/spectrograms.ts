// Listen-free sanity check: renders a few clips per class (clean: high SNR, no reverb, unless overridden) and
// writes a grid of spectrograms (rows = classes, 0-8 kHz, 0-0.6 s) to a PNG, plus the clips as WAVs.
// Usage: npx tsx bench/synth/spectrograms.ts [outDir] [perClass] [noisy]
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { writeWavFile } from '../../src/audio/wav-encode.js';
import { LABELS } from '../../src/synth/labels.js';
import { withDefaults } from '../../src/synth/options.js';
import { renderClip } from '../../src/synth/render-clip.js';
import { planDemoCorpus } from '../../src/synth/write-corpus.js';

const outDir = process.argv[2] ?? 'bench/synth/out';
const perClass = Number(process.argv[3] ?? 6);
const noisy = process.argv[4] === 'noisy';
mkdirSync(outDir, { recursive: true });
const options = withDefaults({ nClips: 600, nChildren: 12, seed: 99, labelNoise: 0, ...(noisy ? {} : { snrDbRange: [35, 40] as const, reverbShare: 0 }) });
const { clips } = planDemoCorpus(options);
const W = 150; // 4 ms columns over 0.6 s
const H = 128; // 62.5 Hz rows
const img = new Uint8Array(W * perClass * H * LABELS.length);
const stride = W * perClass;

/** Log-magnitude spectrogram column via a direct DFT of a 256-sample Hann window (slow but dependency-free). */
function column(x: Float32Array, centre: number, out: Float64Array): void {
  for (let k = 0; k < H; k++) {
    let re = 0;
    let im = 0;
    for (let i = 0; i < 256; i++) {
      const v = (x[centre - 128 + i] ?? 0) * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / 256));
      re += v * Math.cos((Math.PI * k * i) / H);
      im -= v * Math.sin((Math.PI * k * i) / H);
    }
    out[k] = 10 * Math.log10(re * re + im * im + 1e-12);
  }
}

LABELS.forEach((label, row) => {
  clips.filter((c) => c.label === label && c.durationSec >= 0.3).slice(0, perClass).forEach((plan, j) => {
    const r = renderClip(plan, options);
    writeWavFile(join(outDir, `${label}_${j}_${r.kind}.wav`), r.samples, { sampleRateHz: 16000 });
    const col = new Float64Array(H);
    for (let t = 0; t < W; t++) {
      const centre = t * 64;
      if (centre >= r.samples.length) break;
      column(r.samples, centre, col);
      for (let k = 0; k < H; k++) {
        const v = Math.max(0, Math.min(255, ((col[k] as number) + 60) * 3.2));
        img[(row * H + (H - 1 - k)) * stride + j * W + t] = v;
      }
    }
    console.log(label, j, r.kind, plan.child.childId, plan.durationSec.toFixed(3));
  });
});
await sharp(Buffer.from(img), { raw: { width: stride, height: H * LABELS.length, channels: 1 } }).png().toFile(join(outDir, 'spectrograms.png'));
console.log(`wrote ${join(outDir, 'spectrograms.png')} (rows: ${LABELS.join(', ')})`);
