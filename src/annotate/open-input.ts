// Opens an input (prelabels file or label folder) against the audio folder: each suggestion's recording is
// found inside the folder and its header read; rows pointing at missing audio, past the recording's end or at
// an unknown label are reported by file and row and left out, the others open.
import { statSync } from 'node:fs';
import { AudioRoot } from './audio-root.js';
import { readLabelFolder } from './read-label-folder.js';
import { readPrelabels } from './read-prelabels.js';
import type { InputProblem, Suggestion } from './suggestion.js';
import { readWavLayout, type WavLayout } from './wav-slice.js';

/** A recording the tool may serve. */
export interface Recording {
  readonly relPath: string;
  readonly realPath: string;
  readonly layout: WavLayout;
}

/** Everything the server and the export need from the input. */
export interface OpenedInput {
  readonly source: string;
  readonly audio: AudioRoot;
  readonly labels: readonly string[];
  readonly modelId: string;
  /** Valid suggestions, audio paths relative to the audio folder. */
  readonly suggestions: Suggestion[];
  readonly recordings: ReadonlyMap<string, Recording>;
  readonly problems: InputProblem[];
}

export interface OpenInputOptions {
  /** The label set (overrides what the input declares). */
  readonly labels?: readonly string[];
  /** Slack past a recording's end before a suggestion counts as beyond it. Default 0.05 s. */
  readonly endToleranceS?: number;
}

/** Reads `source` (a .json/.csv prelabels file or a folder of label files) and checks it against `audioDir`. */
export function openInput(source: string, audioDir: string, options: OpenInputOptions = {}): OpenedInput {
  const audio = new AudioRoot(audioDir);
  const set = statSync(source).isDirectory() ? readLabelFolder(source, options.labels) : readPrelabels(source);
  const labels = options.labels ?? set.labels;
  const known = new Set(labels);
  const tolerance = options.endToleranceS ?? 0.05;
  const recordings = new Map<string, Recording>();
  const failedAudio = new Map<string, string>();
  const suggestions: Suggestion[] = [];
  const problems = [...set.problems];
  const rowOf = (s: Suggestion): number => Number(/(?:^r|#)(\d+)$/.exec(s.id)?.[1] ?? 0);
  const sourceOf = (s: Suggestion): string => (s.modelId === 'labels' ? s.id.slice(0, s.id.lastIndexOf('#')) : source);
  for (const s of set.suggestions) {
    const rel = audio.relativeFor(s.audioFile);
    let recording = rel === undefined ? undefined : recordings.get(rel);
    if (rel !== undefined && recording === undefined && !failedAudio.has(rel)) {
      const resolved = audio.resolveFile(rel);
      try {
        if (!resolved.ok) throw new Error(resolved.message);
        recording = { relPath: rel, realPath: resolved.path, layout: readWavLayout(resolved.path) };
        recordings.set(rel, recording);
      } catch (error) {
        failedAudio.set(rel, error instanceof Error ? error.message : String(error));
      }
    }
    const problem = (message: string): void => void problems.push({ file: sourceOf(s), row: rowOf(s), message });
    if (rel === undefined) problem(`audio '${s.audioFile}' not found in ${audioDir}`);
    else if (recording === undefined) problem(`audio '${rel}' unreadable: ${failedAudio.get(rel) ?? ''}`);
    else if (s.endS > recording.layout.durationS + tolerance) problem(`segment ${s.startS}–${s.endS} s is beyond the end of ${rel} (${recording.layout.durationS.toFixed(3)} s)`);
    else if (!known.has(s.label)) problem(`unknown label '${s.label}' (known: ${labels.join(', ')})`);
    else suggestions.push({ ...s, audioFile: rel });
  }
  return { source, audio, labels, modelId: set.modelId, suggestions, recordings, problems };
}
