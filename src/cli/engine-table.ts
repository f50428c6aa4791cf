// Plain and Markdown table rendering for the query commands.

/** Renders `rows` under `header`, as a Markdown table when `markdown`. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[], markdown: boolean): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const pad = (cells: readonly string[]): string[] => widths.map((w, i) => (cells[i] ?? '').padEnd(w));
  if (markdown) {
    const line = (cells: readonly string[]): string => `| ${pad(cells).join(' | ')} |`;
    return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n') + '\n';
  }
  return [pad(header).join('  ').trimEnd(), ...rows.map((r) => pad(r).join('  ').trimEnd())].join('\n') + '\n';
}
