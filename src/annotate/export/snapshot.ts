// `pipe annotate export`: the final decisions as a self-contained dataset folder the burst pipeline reads
// through `data.dir` — recordings (hard-linked, or copied across file systems) with `<stem>.txt` label files
// beside them, `manifest.json` in the study's dataset-manifest format, and `metadata.csv` (one label per clip),
// `agreement.json`, `changes.json`. The folder is named by a hash of its content (every file but the
// manifest, which holds a timestamp), written under a temporary name and renamed: an unchanged export finds its
// folder already there.
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, linkSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { formatCsv } from '../../util/csv.js';
import { stableJson } from '../../util/stable-json.js';
import type { AnnotationState } from '../item-state.js';
import { formatLabelFile, type LabelSegment } from '../label-file.js';
import type { OpenedInput } from '../open-input.js';
import { agreementOf } from './agreement.js';
import { changesOf } from './changes.js';

export interface SnapshotResult {
  readonly dir: string;
  readonly hash: string;
  readonly nAudioFiles: number;
  readonly nSegments: number;
  readonly unresolved: number;
  /** The same content was exported before: the folder was already there. */
  readonly existed: boolean;
}

/** Writes the snapshot under `toDir`; returns where. */
export function writeSnapshot(state: AnnotationState, input: OpenedInput, toDir: string): SnapshotResult {
  const byRecording = new Map<string, LabelSegment[]>();
  let unresolved = 0;
  for (const item of state.order) {
    const final = state.final(item);
    if (final === undefined) {
      if (state.conflict(item)) unresolved++;
      continue;
    }
    if (final.status !== 'accepted' && final.status !== 'corrected' && final.status !== 'added') continue;
    const list = byRecording.get(item.suggestion.audioFile) ?? [];
    for (const r of final.regions) list.push({ startS: r.start, endS: r.end, label: r.label });
    byRecording.set(item.suggestion.audioFile, list);
  }
  mkdirSync(toDir, { recursive: true });
  const tmp = join(toDir, `.export-${process.pid}-${Date.now()}`);
  mkdirSync(tmp);
  try {
    const files: { relpath: string; sha256: string; size: number; mtime: number }[] = [];
    const extra: { relpath: string; sha256: string }[] = [];
    const labelCounts: Record<string, number> = Object.fromEntries(input.labels.map((l) => [l, 0]));
    const clipRows: (string | number)[][] = [];
    let nSegments = 0;
    for (const rel of [...byRecording.keys()].sort()) {
      const segments = byRecording.get(rel)!;
      const recording = input.recordings.get(rel)!;
      const labelRel = rel.replace(/\.wav$/i, '.txt');
      place(recording.realPath, join(tmp, rel));
      writeFileSync(join(tmp, labelRel), formatLabelFile(segments, `${rel}: ${segments.length} segments (pipe annotate export)`));
      for (const path of [rel, labelRel]) files.push(describe(tmp, path));
      for (const s of segments) labelCounts[s.label] = (labelCounts[s.label] ?? 0) + 1;
      nSegments += segments.length;
      clipRows.push(clipRow(rel, segments, recording.layout.durationS));
    }
    const write = (name: string, text: string): void => {
      writeFileSync(join(tmp, name), text);
      extra.push({ relpath: name, sha256: sha256(Buffer.from(text)) });
    };
    write('metadata.csv', formatCsv(['clip_ID', 'audio_file', 'label', 'labels', 'n_segments', 'duration_seconds'], clipRows));
    write('agreement.json', stableJson({ method: "Cohen's kappa per annotator pair over items both decided (skips excluded); per class: that class vs the rest", pairs: agreementOf(state, input.labels) }));
    write('changes.json', stableJson({ source: input.modelId, ...changesOf(state) }));
    const listing = [...files, ...extra].map((f) => `${f.relpath}\t${f.sha256}\n`).sort().join('');
    const hash = sha256(Buffer.from(listing)).slice(0, 16);
    const dir = join(toDir, hash);
    const manifest = {
      created_at: new Date().toISOString(), data_dir: resolve(dir), n_audio_files: byRecording.size, n_segments: nSegments, label_counts: labelCounts, files,
    };
    writeFileSync(join(tmp, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const result = { hash, nAudioFiles: byRecording.size, nSegments, unresolved, dir };
    if (existsSync(dir)) {
      rmSync(tmp, { recursive: true, force: true });
      return { ...result, existed: true };
    }
    renameSync(tmp, dir);
    return { ...result, existed: false };
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
}

/** Hard-links a recording into the snapshot, or copies it when a link is impossible (another file system). */
function place(source: string, target: string): void {
  mkdirSync(dirname(target), { recursive: true });
  try {
    linkSync(source, target);
  } catch {
    copyFileSync(source, target);
  }
}

function describe(root: string, relpath: string): { relpath: string; sha256: string; size: number; mtime: number } {
  const path = join(root, relpath);
  const st = statSync(path);
  return { relpath, sha256: sha256File(path), size: st.size, mtime: st.mtimeMs / 1000 };
}

/** One clip-level row: the label covering most of the clip's labelled time. */
function clipRow(rel: string, segments: readonly LabelSegment[], durationS: number): (string | number)[] {
  const time = new Map<string, number>();
  for (const s of segments) time.set(s.label, (time.get(s.label) ?? 0) + (s.endS - s.startS));
  const labels = [...time.keys()].sort();
  const top = [...time].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? '';
  const stem = rel.replace(/^.*\//, '').replace(/\.wav$/i, '');
  return [stem, rel, top, labels.join(';'), segments.length, Math.round(durationS * 1e6) / 1e6];
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** SHA-256 of a file read in 1 MiB blocks (memory stays bounded for hour-long recordings). */
function sha256File(path: string): string {
  const hash = createHash('sha256');
  const block = Buffer.alloc(1 << 20);
  const fd = openSync(path, 'r');
  try {
    for (let n = readSync(fd, block); n > 0; n = readSync(fd, block)) hash.update(block.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}
