// A small annotation corpus in a temp dir: WAV recordings with tone bursts (seeded), prelabels in the formats
// the tool reads, and helpers to start a server on it. Shared by the annotation tests and the bench.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeWav } from '../../src/audio/wav-encode.js';

export const LABELS = ['b', 'mb', 'h'] as const;
export const SAMPLE_RATE_HZ = 22_050;

/** One prelabel row in `pipe predict`'s JSON shape. */
export interface PrelabelRow {
  audio_file: string;
  start_seconds: number;
  end_seconds: number;
  label: string;
  probability: number;
  probabilities: Record<string, number>;
}

/** A mono recording of `durationS` with short bursts (a 1 kHz tone with a 440 Hz hum), deterministic. */
export function burstRecording(durationS: number, seed = 1): Float32Array {
  const n = Math.round(durationS * SAMPLE_RATE_HZ);
  const x = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    const t = i / SAMPLE_RATE_HZ;
    const inBurst = t % 0.5 < 0.12;
    x[i] = 0.02 * ((s / 2 ** 32) * 2 - 1) + (inBurst ? 0.4 * Math.sin(2 * Math.PI * 1000 * t) : 0) + 0.05 * Math.sin(2 * Math.PI * 440 * t);
  }
  return x;
}

/** Probabilities for suggestion `i` (deterministic, spread over [0.34, 0.98]). */
export function rowProbabilities(i: number): { label: string; probability: number; probabilities: Record<string, number> } {
  const label = LABELS[i % 3]!;
  const p = Math.round((0.34 + ((i * 0.6180339887) % 1) * 0.64) * 1000) / 1000;
  const rest = (1 - p) / 2;
  const probabilities = Object.fromEntries(LABELS.map((l) => [l, l === label ? p : Math.round(rest * 1000) / 1000]));
  return { label, probability: p, probabilities };
}

export interface Corpus {
  readonly root: string;
  readonly audio: string;
  readonly prelabels: string;
  readonly out: string;
  readonly rows: PrelabelRow[];
}

/** Three 4-second recordings, four suggestions each, as `pipe predict` JSON; plus an empty annotation folder. */
export function smallCorpus(): Corpus {
  const root = mkdtempSync(join(tmpdir(), 'pipe-annotate-'));
  const audio = join(root, 'audio');
  mkdirSync(audio);
  const rows: PrelabelRow[] = [];
  for (let f = 0; f < 3; f++) {
    const name = `rec${f + 1}.wav`;
    writeFileSync(join(audio, name), encodeWav(burstRecording(4, f + 1), { sampleRateHz: SAMPLE_RATE_HZ }));
    for (let k = 0; k < 4; k++) {
      const i = f * 4 + k;
      rows.push({ audio_file: `audio/${name}`, start_seconds: k * 0.5 + 0.5, end_seconds: k * 0.5 + 0.75, ...rowProbabilities(i) });
    }
  }
  const prelabels = join(root, 'prelabels.json');
  writeFileSync(prelabels, `${JSON.stringify(rows, null, 2)}\n`);
  return { root, audio, prelabels, out: join(root, 'annotations'), rows };
}
