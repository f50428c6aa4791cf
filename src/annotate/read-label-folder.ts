// A plain folder of recordings with their label files (`x.wav` + `x.txt`, `x_labels.txt`, `x-labels.txt` or
// `.csv`), opened as suggestions to review: every labelled segment becomes one item without a probability.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseLabelFile } from './label-file.js';
import { BURST_LABELS, type InputProblem, type Suggestion, type SuggestionSet } from './suggestion.js';

const AUDIO = /\.wav$/i;
const LABEL = /^(.*?)(?:[_-]labels)?\.(txt|csv)$/i;

/** Reads every label file under `dir` (recursively) paired with its recording by base name. */
export function readLabelFolder(dir: string, labels: readonly string[] = BURST_LABELS): SuggestionSet {
  const files = walk(dir).map((p) => relative(dir, p).split(sep).join('/')).sort();
  const audioByStem = new Map(files.filter((f) => AUDIO.test(f)).map((f) => [f.replace(AUDIO, ''), f]));
  const suggestions: Suggestion[] = [];
  const problems: InputProblem[] = [];
  const known = new Set(labels);
  for (const file of files) {
    const m = LABEL.exec(file);
    if (m === null) continue;
    const audio = audioByStem.get(m[1]!);
    if (audio === undefined) {
      if (file.toLowerCase().endsWith('.csv')) continue; // a table (e.g. a snapshot's metadata.csv), not a label file
      problems.push({ file, row: 0, message: 'no recording with this base name (.wav) beside it' });
      continue;
    }
    const parsed = parseLabelFile(readFileSync(join(dir, file), 'utf8'));
    for (const s of parsed.skipped) problems.push({ file, row: s.line, message: s.message });
    parsed.segments.forEach((seg) => {
      if (!known.has(seg.label)) {
        problems.push({ file, row: seg.line, message: `unknown label '${seg.label}' (known: ${labels.join(', ')})` });
        return;
      }
      suggestions.push({ id: `${file}#${seg.line}`, audioFile: audio, startS: seg.startS, endS: seg.endS, label: seg.label, probability: null, probabilities: {}, modelId: 'labels' });
    });
  }
  return { suggestions, labels, problems, modelId: 'labels' };
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}
