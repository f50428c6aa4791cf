// The burst study's label files: one `start end label` line per segment (seconds, whitespace-separated),
// beside the recording as `<stem>.txt`. Decimal commas read as dots; `#` lines are comments.

/** One labelled segment. */
export interface LabelSegment {
  readonly startS: number;
  readonly endS: number;
  readonly label: string;
}

/** A parsed label file: the segments, and the lines that were not segments (1-based line, why). */
export interface ParsedLabelFile {
  /** Each with its 1-based line. */
  readonly segments: (LabelSegment & { readonly line: number })[];
  readonly skipped: { line: number; message: string }[];
}

/** Parses label-file text; malformed lines are reported, not fatal. Labels are lower-cased. */
export function parseLabelFile(text: string): ParsedLabelFile {
  const segments: (LabelSegment & { line: number })[] = [];
  const skipped: { line: number; message: string }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const parts = line.split(/\s+/);
    const start = Number(parts[0]?.replace(',', '.'));
    const end = Number(parts[1]?.replace(',', '.'));
    const label = parts[2]?.toLowerCase();
    if (parts.length < 3 || !Number.isFinite(start) || !Number.isFinite(end) || label === undefined) {
      skipped.push({ line: i + 1, message: `expected 'start end label', got '${line.slice(0, 60)}'` });
    } else if (!(end > start) || start < 0) {
      skipped.push({ line: i + 1, message: `segment ${start}–${end} s is empty or negative` });
    } else {
      segments.push({ startS: start, endS: end, label, line: i + 1 });
    }
  });
  return { segments, skipped };
}

/** Formats segments as a label file (sorted by start; times with up to 6 decimals), with a header comment. */
export function formatLabelFile(segments: readonly LabelSegment[], comment?: string): string {
  const lines = [...segments]
    .sort((a, b) => a.startS - b.startS || a.endS - b.endS || (a.label < b.label ? -1 : 1))
    .map((s) => `${seconds(s.startS)} ${seconds(s.endS)} ${s.label}`);
  return `${comment === undefined ? '' : `# ${comment}\n`}${lines.join('\n')}${lines.length > 0 ? '\n' : ''}`;
}

function seconds(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}
