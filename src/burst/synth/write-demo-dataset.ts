// Writes the burst demo dataset in the dataset-folder contract (the one `pipe annotate export` writes): per recording
// `<name>.wav` (16-bit PCM at its own rate) and its label file beside it (naming variants `.txt`, `_labels.txt`,
// `-labels.txt`, as real data has), plus `manifest.json`. Written into a temporary folder that is renamed into place,
// so an interrupted run leaves no half-written dataset.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encodeWav } from '../../audio/wav-encode.js';
import { BURST_CLASSES } from '../classes.js';
import { datasetHash, manifestFile, type DatasetManifest } from '../manifest.js';
import { renderDemoRecording, type DemoRecording } from './render-recording.js';
import type { SynthParams } from './synth-params.js';

export interface DemoSummary {
  readonly recordings: number;
  readonly totalSeconds: number;
  readonly labelCounts: Record<string, number>;
  readonly hash: string;
}

const LABEL_SUFFIXES = ['.txt', '_labels.txt', '-labels.txt'];

function labelText(r: DemoRecording): string {
  const lines = [`# ${r.name}: start end label (seconds; b single burst, mb multiple burst, h harmonic)`];
  for (const s of r.segments) lines.push(`${s.startS.toFixed(3)}\t${s.endS.toFixed(3)}\t${s.label}`);
  return `${lines.join('\n')}\n`;
}

/** Renders and writes the dataset to `dir` (replacing it); returns a summary. */
export function writeDemoDataset(dir: string, params: SynthParams): DemoSummary {
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const files: DatasetManifest['files'] = [];
  const segments: { file: string; startS: number; endS: number; label: string }[] = [];
  const labelCounts = Object.fromEntries(BURST_CLASSES.map((c) => [c, 0])) as Record<string, number>;
  let totalSeconds = 0;
  for (let i = 0; i < params.recordings; i++) {
    const r = renderDemoRecording(i, params);
    const wavName = `${r.name}.wav`;
    const labelName = `${r.name}${LABEL_SUFFIXES[i % LABEL_SUFFIXES.length]!}`;
    writeFileSync(join(tmp, wavName), encodeWav(r.samples, { sampleRateHz: r.sampleRateHz }));
    writeFileSync(join(tmp, labelName), labelText(r));
    for (const name of [wavName, labelName]) files.push({ ...manifestFile(join(tmp, name), name), mtime: '' });
    for (const s of r.segments) {
      segments.push({ file: wavName, startS: s.startS, endS: s.endS, label: s.label });
      labelCounts[s.label] = (labelCounts[s.label] ?? 0) + 1;
    }
    totalSeconds += r.samples.length / r.sampleRateHz;
  }
  const manifest: DatasetManifest = {
    created_at: 'synthetic (seeded; see params)',
    data_dir: '.',
    n_audio_files: params.recordings,
    n_segments: segments.length,
    label_counts: labelCounts,
    files: files.map((f) => ({ relpath: f.relpath, sha256: f.sha256, size: f.size, mtime: f.mtime })),
  };
  writeFileSync(join(tmp, 'manifest.json'), `${JSON.stringify({ ...manifest, generator: { name: 'pipe burst demo', params } }, null, 2)}\n`);
  mkdirSync(dirname(dir), { recursive: true });
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return { recordings: params.recordings, totalSeconds, labelCounts, hash: datasetHash(segments, files) };
}
