// Writing each file's frame-level values (`--frames DIR`) as one CSV per input file.
import { join } from 'node:path';
import type { ExtractedRow } from './extract.js';
import { csvCell, csvNumber } from './write-table.js';
import { writeFileAtomic } from '../util/atomic-write.js';

/** Where a file's frames go: its name under `folder`, extension replaced by `.csv`. */
export function framesPath(folder: string, name: string): string {
  const base = name.replace(/\.[^./]*$/, '');
  return join(folder, `${base}.csv`);
}

/** Writes `frame_time_s,<columns>` CSVs for every row that has frames; returns how many were written. */
export function writeFrames(folder: string, rows: readonly ExtractedRow[]): number {
  let written = 0;
  for (const row of rows) {
    if (!row.ok || row.frames === undefined) continue;
    const { columns, timesSeconds, rows: frameRows } = row.frames;
    const lines = [['frame_time_s', ...columns].map(csvCell).join(',')];
    frameRows.forEach((values, t) => lines.push([csvNumber(timesSeconds[t]!), ...Array.from(values, csvNumber)].join(',')));
    writeFileAtomic(framesPath(folder, row.name), `${lines.join('\n')}\n`);
    written++;
  }
  return written;
}
