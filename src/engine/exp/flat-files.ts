// Params and metrics files of a directory, flattened to dotted keys (missing or unparsable files are skipped).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { flatten, parseParamsText } from '../config/params-files.js';
import type { Value } from '../stage.js';

/** file → dotted key → value for each of `files` (relative to `dir`) that exists and parses. */
export function readFlatFiles(dir: string, files: readonly string[]): Record<string, Record<string, Value>> {
  const out: Record<string, Record<string, Value>> = {};
  for (const file of files) {
    const abs = path.join(dir, file);
    if (!existsSync(abs)) continue;
    const parsed = parseParamsText(file, readFileSync(abs, 'utf8'));
    if (parsed.ok) out[file] = flatten(parsed.value);
  }
  return out;
}
