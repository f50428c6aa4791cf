// The bench's input: one hour of 22,050 Hz mono 16-bit audio (written in blocks, never held whole) and 10,000
// suggestions over it in the burst study's prelabels format, seeded.
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../../src/util/random.js';

const RATE_HZ = 22_050;
const LABELS = ['b', 'mb', 'h'];

/** Writes `<dir>/audio/hour.wav` and `<dir>/prelabels.json`; returns their paths. */
export function writeHourCorpus(dir: string, durationS = 3600, suggestions = 10_000, seed = 7): { audio: string; prelabels: string } {
  const audioDir = join(dir, 'audio');
  const frames = durationS * RATE_HZ;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + frames * 2, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(RATE_HZ, 24);
  header.writeUInt32LE(RATE_HZ * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(frames * 2, 40);
  const rng = new Rng(seed);
  mkdirSync(audioDir, { recursive: true });
  const fd = openSync(join(audioDir, 'hour.wav'), 'w');
  try {
    writeSync(fd, header);
    const block = Buffer.alloc(RATE_HZ * 2);
    for (let s = 0; s < durationS; s++) {
      for (let i = 0; i < RATE_HZ; i++) {
        const t = s + i / RATE_HZ;
        const burst = t % 0.36 < 0.08 ? 0.5 * Math.sin(2 * Math.PI * 900 * t) : 0;
        block.writeInt16LE(Math.round(32767 * Math.max(-1, Math.min(1, burst + 0.03 * (rng.float() * 2 - 1)))), i * 2);
      }
      writeSync(fd, block);
    }
  } finally {
    closeSync(fd);
  }
  const step = (durationS - 1) / suggestions;
  const predictions = Array.from({ length: suggestions }, (_, i) => {
    const p = [rng.float(), rng.float(), rng.float()];
    const sum = p[0]! + p[1]! + p[2]!;
    const probabilities = p.map((x) => Math.round((x / sum) * 1e4) / 1e4);
    const top = probabilities.indexOf(Math.max(...probabilities));
    const start = Math.round(i * step * 1e4) / 1e4;
    return {
      audio_file: 'hour.wav', start_seconds: start, end_seconds: Math.round((start + 0.5) * 1e4) / 1e4, label: LABELS[top]!, probability: probabilities[top]!, probabilities,
      per_class_probability: Object.fromEntries(LABELS.map((l, j) => [l, probabilities[j]!])),
    };
  });
  const prelabels = join(dir, 'prelabels.json');
  writeFileSync(prelabels, JSON.stringify({ audio_files: ['hour.wav'], predictions }));
  return { audio: audioDir, prelabels };
}
