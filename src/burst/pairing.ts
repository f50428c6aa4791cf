// Pairing recordings with label files in a dataset folder by base name (specs/burst-study.md): `x.wav` pairs with
// `x.txt`, `x.csv`, `x_labels.txt` or `x-labels.txt` in the same folder. Unlike the original (which fell back to
// the first .wav of the folder), a label file without its recording, a recording without labels, or two label files
// for one recording are reported by name, never guessed.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Audio formats the original paired; only WAV is decoded here (the others are reported as unsupported). */
const AUDIO_EXTENSIONS = ['.wav', '.flac', '.mp3'];
const LABEL_EXTENSIONS = ['.txt', '.csv'];

export interface RecordingPair {
  /** Path of the recording relative to the dataset folder, without extension: the recording's id. */
  readonly id: string;
  readonly audioPath: string;
  readonly labelPath: string;
  /** Paths relative to the dataset folder, with `/` separators. */
  readonly audioRelpath: string;
  readonly labelRelpath: string;
}

export interface PairingProblem {
  readonly path: string;
  readonly kind: 'label-without-audio' | 'audio-without-labels' | 'ambiguous-labels' | 'unsupported-audio';
  readonly message: string;
}

export interface Pairing {
  readonly pairs: RecordingPair[];
  readonly problems: PairingProblem[];
}

/** The recording stem a label file's name designates (`x_labels.txt` → `x`), or undefined if not a label file. */
export function labelFileStem(name: string): string | undefined {
  const lower = name.toLowerCase();
  const ext = LABEL_EXTENSIONS.find((e) => lower.endsWith(e));
  if (ext === undefined) return undefined;
  const base = name.slice(0, -ext.length);
  return base.replace(/[_-]labels$/i, '');
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.isFile()) out.push(path);
  }
}

const rel = (root: string, path: string): string => relative(root, path).split('\\').join('/');

/** Pairs every recording under `root` with its label file; problems name each file left unpaired. */
export function pairDatasetFolder(root: string): Pairing {
  const files: string[] = [];
  walk(root, files);
  const audioByKey = new Map<string, string>();
  const labelsByKey = new Map<string, string[]>();
  const problems: PairingProblem[] = [];
  for (const path of files) {
    const relpath = rel(root, path);
    const slash = relpath.lastIndexOf('/');
    const folder = relpath.slice(0, slash + 1);
    const name = relpath.slice(slash + 1);
    const lower = name.toLowerCase();
    const audioExt = AUDIO_EXTENSIONS.find((e) => lower.endsWith(e));
    if (audioExt !== undefined) {
      audioByKey.set(folder + name.slice(0, -audioExt.length), path);
      continue;
    }
    const stem = /^readme/i.test(name) ? undefined : labelFileStem(name);
    if (stem !== undefined) labelsByKey.set(folder + stem, [...(labelsByKey.get(folder + stem) ?? []), path]);
  }
  const pairs: RecordingPair[] = [];
  for (const [key, audioPath] of audioByKey) {
    const labels = labelsByKey.get(key);
    labelsByKey.delete(key);
    if (!audioPath.toLowerCase().endsWith('.wav')) {
      problems.push({ path: audioPath, kind: 'unsupported-audio', message: `${audioPath}: only WAV recordings are supported (convert it to .wav)` });
    } else if (labels === undefined) {
      problems.push({ path: audioPath, kind: 'audio-without-labels', message: `${audioPath}: no label file beside it (expected ${key}.txt, ${key}_labels.txt, ${key}-labels.txt or ${key}.csv)` });
    } else if (labels.length > 1) {
      problems.push({ path: audioPath, kind: 'ambiguous-labels', message: `${audioPath}: ${labels.length} label files claim it (${labels.map((l) => rel(root, l)).join(', ')}); keep one` });
    } else {
      pairs.push({ id: key, audioPath, labelPath: labels[0]!, audioRelpath: rel(root, audioPath), labelRelpath: rel(root, labels[0]!) });
    }
  }
  for (const [key, labels] of labelsByKey) {
    for (const labelPath of labels) {
      problems.push({ path: labelPath, kind: 'label-without-audio', message: `${labelPath}: no recording ${key}.wav beside it to pair with` });
    }
  }
  pairs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { pairs, problems };
}
