// What the annotation tool works on: suggestions (a model's or a label file's segments) and the problems found
// while reading them. Every input format is turned into these before anything else sees it.

/** One suggested segment of one recording. */
export interface Suggestion {
  /** Stable within one input file: `r<row>` (1-based data row / array index). */
  readonly id: string;
  /** Path relative to the audio folder, with `/` separators. */
  readonly audioFile: string;
  readonly startS: number;
  readonly endS: number;
  readonly label: string;
  /** Probability of `label`, or null when the input has none (label files). */
  readonly probability: number | null;
  /** Per-class probabilities (empty when the input has none). */
  readonly probabilities: Readonly<Record<string, number>>;
  /** Which model (or label source) suggested it. */
  readonly modelId: string;
}

/** A row that was not opened, with where it came from and why. */
export interface InputProblem {
  readonly file: string;
  /** 1-based data row (CSV), array index + 1 (JSON), line (label files); 0 for the whole file. */
  readonly row: number;
  readonly message: string;
}

/** The suggestions of one input, the label set, and the rows left out. */
export interface SuggestionSet {
  readonly suggestions: Suggestion[];
  readonly labels: readonly string[];
  readonly problems: InputProblem[];
  /** Identifies the source: the prelabels file's name and content hash, or the label folder. */
  readonly modelId: string;
}

/** `file:row: message` (or `file: message` for the whole file). */
export function formatProblem(p: InputProblem): string {
  return p.row > 0 ? `${p.file}: row ${p.row}: ${p.message}` : `${p.file}: ${p.message}`;
}

/** The burst study's label set, used when the input does not name one. */
export const BURST_LABELS: readonly string[] = ['b', 'mb', 'h'];
