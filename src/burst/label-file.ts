// Label files of the burst study: one `start end label` segment per line in seconds (specs/burst-study.md).
// As the original: whitespace-separated fields, decimal commas read as dots, `#` comments, labels lower-cased.
// Unlike it: unknown labels and malformed lines are reported with file and line instead of silently skipped.
// Also accepted: comma/semicolon/tab-separated fields (a `.csv` export) and a header line (`start,end,label`).
import { burstClassIndex } from './classes.js';

export interface LabelSegment {
  readonly startS: number;
  readonly endS: number;
  /** b, mb or h. */
  readonly label: string;
  /** 1-based line in the label file. */
  readonly line: number;
}

/** A line that could not be used: `path:line: what`. */
export interface LabelProblem {
  readonly path: string;
  readonly line: number;
  readonly kind: 'unknown-label' | 'malformed';
  readonly message: string;
}

export interface ParsedLabelFile {
  readonly segments: LabelSegment[];
  readonly problems: LabelProblem[];
}

/** Splits a line into fields: whitespace first (decimal commas allowed), else `,`, `;` or tab separators. */
function fields(line: string): string[] {
  const byWhitespace = line.split(/\s+/).filter((f) => f !== '');
  if (byWhitespace.length >= 3) return byWhitespace;
  return line.split(/[,;\t]/).map((f) => f.trim()).filter((f) => f !== '');
}

const NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/;

/** Parses a label file's text; `path` is used in problem messages. */
export function parseLabelFile(text: string, path: string): ParsedLabelFile {
  const segments: LabelSegment[] = [];
  const problems: LabelProblem[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const f = fields(trimmed);
    const problem = (kind: LabelProblem['kind'], what: string): void => {
      problems.push({ path, line, kind, message: `${path}:${line}: ${what}` });
    };
    if (f.length < 3) return problem('malformed', `expected 'start end label', got '${trimmed}'`);
    const [a, b, rawLabel] = f as [string, string, string];
    if (!NUMBER.test(a) || !NUMBER.test(b)) {
      if (line === firstContentLine(lines) && !NUMBER.test(a) && !NUMBER.test(b)) return; // a header
      return problem('malformed', `start and end must be seconds, got '${a}' and '${b}'`);
    }
    const startS = Number(a.replace(',', '.'));
    const endS = Number(b.replace(',', '.'));
    const label = rawLabel.toLowerCase();
    if (burstClassIndex(label) < 0) return problem('unknown-label', `unknown label '${rawLabel}' (known: b, mb, h)`);
    if (!(startS >= 0 && endS > startS)) return problem('malformed', `segment needs 0 ≤ start < end, got ${startS} … ${endS}`);
    segments.push({ startS, endS, label, line });
  });
  return { segments, problems };
}

function firstContentLine(lines: readonly string[]): number {
  const i = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  return i + 1;
}
